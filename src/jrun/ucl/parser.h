#pragma once
// UCL parser with libucl's semantics (see docs/ucl.md for what is supported).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/base/filesystem.h"
#include "jrun/base/source.h"
#include "jrun/ucl/value.h"

namespace jrun::ucl {

/// What happens when a key is written again in the same object (libucl's
/// `ucl_duplicate_strategy`; `.include(duplicate="...")` switches it for one included file).
enum class DuplicateStrategy : std::uint8_t {
  /// libucl's default: same priority -> implicit array (`a = 1; a = 2;` and also
  /// `jail "a" {}` `jail "b" {}`); higher priority replaces; lower priority is ignored.
  kAppend,
  /// Objects merge into the earlier object and arrays into the earlier array; other values
  /// as kAppend.
  kMerge,
  /// A repeated key is an error.
  kError,
  /// The later value replaces the earlier one, whatever the priority.
  kRewrite,
};

struct ParseOptions {
  /// Reads the top file and every `.include`d one. Required.
  const FileSystem* fs = nullptr;
  /// Variables expanded as $NAME / ${NAME}. The parser adds FILENAME, CURDIR (dir of the
  /// current file) and CONFDIR itself; callers put HOME and the environment here.
  std::map<std::string, std::string> variables;
  /// Strategy for repeated keys in the top file (and in includes without `duplicate=`).
  DuplicateStrategy duplicate = DuplicateStrategy::kAppend;
  /// Deepest nesting of objects/arrays accepted (an error beyond, never a stack overflow).
  int max_depth = 128;
  /// Deepest chain of `.include`s.
  int max_include_depth = 16;
  /// Largest file read (the top file, each include, each `.load`); only regular files are read.
  std::size_t max_file_bytes = std::size_t{64} << 20;
};

struct ParseResult {
  std::optional<Value> root;            ///< set when parsing succeeded
  std::vector<Diagnostic> diagnostics;  ///< syntax errors, with positions
};

/// Parses `path` (read through options.fs) and its includes; sources are added to `sources`.
/// Stops at the first syntax error of a file; a missing file is a diagnostic without position.
ParseResult parse_file(const std::string& path, SourceMap& sources, const ParseOptions& options);

/// Parses in-memory text registered in `sources` under `name` (includes resolve relative to
/// the directory of `name`).
ParseResult parse_text(const std::string& name, std::string text, SourceMap& sources,
                       const ParseOptions& options);

}  // namespace jrun::ucl
