#pragma once
// Problems found in a config file, collected (not thrown) so all of them are shown at once.

#include <string>
#include <vector>

#include "jrun/base/source.h"

namespace jrun {

struct Diagnostic {
  Location loc;         ///< where: the offending key or value
  std::string field;    ///< dotted field path, e.g. "jail.web.forward.http.host" ("" for syntax)
  std::string message;  ///< what is wrong, lower case, no trailing period
  std::string hint;     ///< optional: how to fix it ("did you mean `forward`?")
};

/// Sorts by file, line, column (stable for equal positions) and drops exact duplicates.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// Renders each diagnostic as
///   file:line:col: error: message
///      12 |   fowrard "http" {
///         |   ^~~~~~~
///     = hint: did you mean `forward`?
/// `width` is how many columns to underline (>= 1); it is derived from the token at the column.
std::string render_diagnostics(const SourceMap& sources,
                               const std::vector<Diagnostic>& diagnostics);

}  // namespace jrun
