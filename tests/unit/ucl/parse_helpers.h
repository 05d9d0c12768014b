#pragma once
// Shared helpers of the ucl tests: parse text with an in-memory file system.

#include <string>

#include "fake_fs.h"
#include "jrun/ucl/emit.h"
#include "jrun/ucl/parser.h"

namespace jrun::ucl::testing {

/// A parse of in-memory text, keeping the SourceMap alive for the Locations.
struct Parsed {
  SourceMap sources;
  ParseResult result;

  bool ok() const { return result.root.has_value() && result.diagnostics.empty(); }
  const Value& root() const { return *result.root; }
  /// The first diagnostic as "line:col: message" ("" when none).
  std::string error() const;
  /// The parsed tree as one-line JSON ("<error: ...>" when parsing failed).
  std::string json() const;
};

/// Parses `text` as the file `name` (default /cfg/test.ucl) with `fs` for includes.
Parsed parse(const std::string& text, const FakeFileSystem* fs = nullptr, ParseOptions options = {},
             const std::string& name = "/cfg/test.ucl");

}  // namespace jrun::ucl::testing
