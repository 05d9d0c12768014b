#pragma once
// Internal to the ucl layer: the recursive-descent half of the parser. One FileParser reads one
// source range (a file, or the parameters of a macro) into the tree; a Context is shared by all
// files of one parse (sources, variables, diagnostics, include depth).

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jrun/ucl/lexer.h"
#include "jrun/ucl/parser.h"

namespace jrun::ucl::detail {

using VariableMap = std::map<std::string, std::string, std::less<>>;

/// `$NAME`, `${NAME}` and `$$` as libucl expands them: `$NAME` takes the longest defined
/// variable name that prefixes the text; unknown variables are left as written; `$$` is `$`
/// only in a text where some variable is expanded (otherwise the text is kept as written).
std::string expand_variables(std::string_view text, const VariableMap& variables);

/// Containers lent to the parser while it reads one array or object body and then given back
/// cleared, so their capacity is reused: the finished value gets an exactly sized copy (no
/// growth reallocations, no slack kept in the tree).
template <typename T>
class Spares {
 public:
  T take() {
    if (spare_.empty()) return T();
    T out = std::move(spare_.back());
    spare_.pop_back();
    return out;
  }
  void give_back(T container) { spare_.push_back(std::move(container)); }

 private:
  std::vector<T> spare_;
};

struct Context {
  Context(SourceMap& sources_, const ParseOptions& options_)
      : sources(sources_), options(options_) {}

  SourceMap& sources;
  const ParseOptions& options;
  std::vector<Diagnostic> diagnostics;
  VariableMap variables;
  Value* root = nullptr;  ///< the top-level value (for `.inherit`)
  std::string root_key;   ///< key of the top-level member being read (for `.inherit`)
  int include_depth = 0;
  /// Directory of the top file: lines of files outside it are never quoted in diagnostics.
  std::string top_dir;
  /// The files being read, outermost first, each with the `.include` that opened it.
  std::vector<std::pair<std::string, Location>> include_chain;
  /// Set once an include loop is reported: the enclosing includes add no "included from here".
  bool loop_reported = false;
  Spares<std::vector<Value>> spare_items;  ///< for arrays being read
  Spares<Value> spare_objects;             ///< objects whose members are being read
};

/// How values of the current file are merged: libucl's per-chunk priority and strategy.
struct ChunkState {
  unsigned priority = 0;
  DuplicateStrategy duplicate = DuplicateStrategy::kAppend;
};

class FileParser {
 public:
  FileParser(Context& ctx, std::uint32_t file, std::size_t begin, std::size_t end,
             ChunkState state);

  /// A whole document: an implicit object, `{ ... }` or `[ ... ]`.
  bool parse_document(Value* root);
  /// An included file or macro parameters: its members go into `object`.
  bool parse_into(Value* object);

 private:
  bool parse_object_body(Value* object, char close, std::size_t open, int depth);
  bool parse_separator(char close);
  bool parse_member(Value* object, int depth);
  bool parse_member_value(Value* value, bool separator, int depth);
  bool nested_key_follows() const;
  bool parse_value(Value* out, int depth);
  bool parse_container(Value* out, int depth);
  bool parse_object(Value* out, int depth);
  bool parse_array(Value* out, int depth);
  bool parse_array_items(std::vector<Value>* items, std::size_t open, int depth);
  bool parse_string(Value* out);
  bool parse_atom(Value* out);
  bool check_depth(int depth);

  // Values are passed by rvalue reference: each copy of a Value on its way into the tree was
  // a measurable part of parsing.
  bool insert(Value* object, std::string&& key, Location key_loc, Value&& value);
  bool insert_duplicate(Member* member, Value&& value, Location key_loc);
  void append_same_priority(Value* old, Value&& value);
  bool merge_into(Value* old, Value&& value);

  // Macros (macros.cpp).
  bool parse_macro(Value* object);
  bool parse_macro_params(Value* params);
  bool parse_macro_argument(std::string* out);
  bool run_include(Value* object, const Value& params, const std::string& pattern, std::size_t at,
                   bool must_exist);
  bool include_one(Value* object, const Value& params, const std::string& path, ChunkState state,
                   std::size_t at, bool must_exist);
  bool include_file(Value* target, const std::string& path, ChunkState state, std::size_t at,
                    bool must_exist);
  bool run_priority(const Value& params, const std::string& argument, std::size_t at);
  bool report_loop(std::size_t first, const std::string& path, std::size_t at);
  Result<std::string> read_source(const std::string& path) const;
  bool run_inherit(Value* object, const Value& params, const std::string& name, std::size_t at);
  bool run_load(Value* object, const Value& params, const std::string& path, std::size_t at);
  Value* include_target(Value* object, const Value& params, const std::string& path,
                        unsigned priority, std::size_t at);

  Context& ctx_;
  std::uint32_t file_;
  std::string_view text_;
  Lexer lex_;
  ChunkState state_;
};

/// Parses one file's text into `root` (`into` false: a new document) or into an existing
/// object (`into` true: an include). Sets FILENAME/CURDIR for the file's duration.
bool parse_source(Context& ctx, std::uint32_t file, Value* root, bool into, ChunkState state);

}  // namespace jrun::ucl::detail
