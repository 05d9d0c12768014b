#pragma once
// Internal to the model layer: the diagnostics sink and the typed field readers every loader
// shares. A reader reports what is wrong with a field and returns nullopt; it never stops.

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/model/config.h"
#include "jrun/model/load.h"
#include "jrun/ucl/value.h"

namespace jrun::model::detail {

/// Where a block sits: its dotted field path, how messages name it, and the key naming it.
/// The texts are spelt out only when a message asks for them (a valid config never does): a
/// block or entry scope keeps a pointer to its parent scope and views of its key and name, so
/// the parent scope and the parsed tree must outlive it.
class Scope {
 public:
  Scope() = default;
  /// A scope whose texts are given (the top level, or a one-off block).
  Scope(std::string field, std::string noun, Location key_loc)
      : field_(std::move(field)), noun_(std::move(noun)), loc(key_loc) {}
  /// The block under `key` of `parent`: "jail.web.limits", "`limits` of jail `web`".
  static Scope block(const Scope& parent, std::string_view key, Location key_loc);
  /// The entry `name` of the map `key` of `parent`, called `kind` in messages:
  /// "jail.web.forward.http", "forward `http` of jail `web`".
  static Scope entry(const Scope& parent, std::string_view key, std::string_view kind,
                     std::string_view name, Location key_loc);

  std::string field() const;  ///< "jail.web.forward.http" ("" at the top level)
  std::string noun() const;   ///< "forward `http` of jail `web`"
  /// The field path of `key` inside this block.
  std::string at(std::string_view key) const;

 private:
  enum class Kind : std::uint8_t { kGiven, kBlock, kEntry };
  bool top() const { return kind_ == Kind::kGiven && field_.empty(); }

  Kind kind_ = Kind::kGiven;
  const Scope* parent_ = nullptr;
  std::string_view key_, word_, name_;  // kBlock: key_; kEntry: all three
  std::string field_, noun_;            // kGiven

 public:
  Location loc;  ///< the key that names the block; "missing key" errors point here
};

/// Collects diagnostics for one load.
class Sink {
 public:
  explicit Sink(const ValidationContext& context) : context_(context) {}

  void error(Location loc, std::string field, std::string message, std::string hint = {});
  const ValidationContext& context() const { return context_; }
  /// "file:line:col" of a position, for messages that name a second place.
  std::string position(Location loc) const;
  std::vector<Diagnostic> take() { return std::move(diagnostics_); }
  /// Keeps a value built during loading (a merged block) alive as long as the sink.
  ucl::Value& keep(ucl::Value value);

  /// What the context's FileSystem says about a host path, asked once per path and load
  /// (thousands of jails mounting "." cost one lookup). Requires context().fs.
  struct PathFacts {
    bool exists = false;
    bool directory = false;
  };
  PathFacts path_facts(const std::string& path);

 private:
  const ValidationContext& context_;
  std::vector<Diagnostic> diagnostics_;
  std::deque<ucl::Value> kept_;
  std::unordered_map<std::string, PathFacts> path_facts_;
};

using Keys = std::initializer_list<std::string_view>;

/// "`name`".
std::string ticked(std::string_view name);
/// What a value is, for "got ..." in messages: `string "abc"`, `integer 7`, `an object`.
std::string describe(const ucl::Value& value);
/// True for a DNS label: [a-z0-9] then up to 62 of [a-z0-9-], not ending in `-`.
bool valid_name(std::string_view name);
/// True for [A-Za-z_][A-Za-z0-9_]* (environment and Ansible variable names).
bool valid_identifier(std::string_view name);

/// Reports every key of `object` not in `allowed`, with a "did you mean" hint.
void check_keys(Sink& sink, const ucl::Value& object, Keys allowed, const Scope& scope);
/// Reports each of `keys` absent from `object` ("missing `host` in forward `http` ...").
void require(Sink& sink, const ucl::Value& object, Keys keys, const Scope& scope);
/// Reports "`key` must be <expected>, got <value>" at the value.
void wrong_type(Sink& sink, const ucl::Value& value, std::string_view key, const Scope& scope,
                std::string_view expected, std::string hint = {});

/// The single value of `key`, or nullptr when absent. A key written twice is reported.
const ucl::Value* get(Sink& sink, const ucl::Value& object, std::string_view key,
                      const Scope& scope);

std::optional<std::string> get_string(Sink& sink, const ucl::Value& object, std::string_view key,
                                      const Scope& scope);
std::optional<bool> get_bool(Sink& sink, const ucl::Value& object, std::string_view key,
                             const Scope& scope);
/// An integer in [min, max]; `expected` words the message ("an integer ≥ 1").
std::optional<std::int64_t> get_integer(Sink& sink, const ucl::Value& object, std::string_view key,
                                        const Scope& scope, std::int64_t min, std::int64_t max,
                                        std::string_view expected);
std::optional<std::uint16_t> get_port(Sink& sink, const ucl::Value& object, std::string_view key,
                                      const Scope& scope);
std::optional<Proto> get_proto(Sink& sink, const ucl::Value& object, const Scope& scope);
/// A duration in seconds, > 0 (number, UCL time value, or "30s"/"10min" string).
std::optional<double> get_duration(Sink& sink, const ucl::Value& object, std::string_view key,
                                   const Scope& scope);
/// An absolute path without `..` (a path inside a jail or the jail host).
std::optional<std::string> get_inner_path(Sink& sink, const ucl::Value& object,
                                          std::string_view key, const Scope& scope);
/// A host path resolved against the config directory (`~` = home) that must exist and be a
/// directory (`want_directory`) or a regular file, checked through the context's FileSystem.
std::optional<std::string> get_host_path(Sink& sink, const ucl::Value& object, std::string_view key,
                                         const Scope& scope, bool want_directory);

/// The block under `key` and its scope (`scope` is set when the key is present), or nullptr when
/// absent or not an object (reported). Nested blocks are named "`key` of <parent>"; top-level
/// ones "the <key> block".
const ucl::Value* get_block(Sink& sink, const ucl::Value& object, std::string_view key,
                            const Scope& parent, Scope& scope);

/// One named block of a map such as `forward { http { ... } }`.
struct Entry {
  std::string name;
  const ucl::Value* body = nullptr;  ///< an object
  Scope scope;
  ucl::Value* merged = nullptr;  ///< set when body merges several blocks (owned by the sink)
};

/// The named blocks under `key` (`kind` names them in messages: "forward"), in file order.
/// Reports a non-object map or body and invalid names; blocks of the same name are merged.
std::vector<Entry> get_entries(Sink& sink, const ucl::Value& object, std::string_view key,
                               const Scope& parent, std::string_view kind);

}  // namespace jrun::model::detail
