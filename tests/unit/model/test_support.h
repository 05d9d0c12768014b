#pragma once
// Shared helpers of the model tests: parse UCL text and load it against an in-memory project.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/model/load.h"
#include "jrun/ucl/parser.h"
#include "test_fs.h"

namespace jrun::model::testing {

/// /proj holds the config (/proj/jrun.ucl), a `site` directory, a `play.yml` playbook and a
/// plain file `notes.txt`; home is /home/me with a `code` directory.
inline const MemoryFileSystem& project_fs() {
  static const MemoryFileSystem fs = [] {
    MemoryFileSystem f;
    f.dir("/proj/site").dir("/home/me/code").file("/proj/play.yml").file("/proj/notes.txt");
    return f;
  }();
  return fs;
}

inline ValidationContext project_context() {
  ValidationContext context;
  context.fs = &project_fs();
  context.config_path = "/proj/jrun.ucl";
  context.config_dir = "/proj";
  context.home = "/home/me";
  return context;
}

/// A parsed and loaded config with the sources its diagnostics point into.
struct Loaded {
  SourceMap sources;
  LoadResult result;

  const std::vector<Diagnostic>& diagnostics() const { return result.diagnostics; }
  const Config& config() const { return result.config; }
  std::string rendered() const { return render_diagnostics(sources, result.diagnostics); }
  /// Every message, one per line (for readable failure output).
  std::string messages() const {
    std::string out;
    for (const Diagnostic& d : result.diagnostics) out += d.message + "\n";
    return out;
  }
  /// The diagnostic with this field path, or nullptr.
  const Diagnostic* at(std::string_view field) const {
    auto it = std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                           [&](const Diagnostic& d) { return d.field == field; });
    return it == result.diagnostics.end() ? nullptr : &*it;
  }
};

/// Parses `text` as /proj/jrun.ucl and loads it; a syntax error fails the test.
inline Loaded load(const std::string& text, ValidationContext context = project_context()) {
  Loaded loaded;
  ucl::ParseOptions options;
  options.fs = context.fs;
  ucl::ParseResult parsed = ucl::parse_text(context.config_path, text, loaded.sources, options);
  if (!parsed.root) {
    ADD_FAILURE() << "syntax error:\n" << render_diagnostics(loaded.sources, parsed.diagnostics);
    return loaded;
  }
  context.sources = &loaded.sources;
  loaded.result = load_config(*parsed.root, context);
  return loaded;
}

/// Loads `text`, expecting exactly one diagnostic; returns it (empty when the count differs).
inline Diagnostic only_error(const std::string& text,
                             ValidationContext context = project_context()) {
  Loaded loaded = load(text, std::move(context));
  EXPECT_EQ(loaded.diagnostics().size(), 1u) << loaded.rendered();
  return loaded.diagnostics().size() == 1 ? loaded.diagnostics()[0] : Diagnostic{};
}

}  // namespace jrun::model::testing
