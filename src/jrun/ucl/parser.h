#pragma once
// UCL parser with libucl's semantics (see docs/ucl.md for what is supported).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/base/filesystem.h"
#include "jrun/base/source.h"
#include "jrun/ucl/value.h"

namespace jrun::ucl {

struct ParseOptions {
  /// Reads the top file and every `.include`d one. Required.
  const FileSystem* fs = nullptr;
  /// Variables expanded as $NAME / ${NAME}. The parser adds FILENAME, CURDIR (dir of the
  /// current file) and CONFDIR itself; callers put HOME and the environment here.
  std::map<std::string, std::string> variables;
};

struct ParseResult {
  std::optional<Value> root;            ///< set when parsing succeeded
  std::vector<Diagnostic> diagnostics;  ///< syntax errors, with positions
};

/// Parses `path` (read through options.fs) and its includes; sources are added to `sources`.
ParseResult parse_file(const std::string& path, SourceMap& sources, const ParseOptions& options);

/// Parses in-memory text registered in `sources` under `name` (includes resolve relative to
/// the directory of `name`).
ParseResult parse_text(const std::string& name, std::string text, SourceMap& sources,
                       const ParseOptions& options);

}  // namespace jrun::ucl
