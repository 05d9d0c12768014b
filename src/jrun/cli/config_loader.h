#pragma once
// Reads a config file the way every command does: UCL parse (with includes and variables),
// then validation. Problems come back as one kConfig Error holding the rendered diagnostics.

#include <string>
#include <vector>

#include "jrun/base/source.h"
#include "jrun/cli/commands.h"
#include "jrun/model/config.h"
#include "jrun/ucl/value.h"

namespace jrun::cli {

struct LoadedDocument {
  SourceMap sources;
  ucl::Value root;
};

struct LoadedConfig {
  SourceMap sources;
  model::Config config;
};

/// Parses `path` with the environment, HOME and `--var NAME=VALUE` definitions as variables.
Result<LoadedDocument> load_document(const Context& ctx, const std::string& path,
                                     const std::vector<std::string>& vars);

/// Parses and validates `path`.
Result<LoadedConfig> load_config_file(const Context& ctx, const std::string& path,
                                      const std::vector<std::string>& vars);

}  // namespace jrun::cli
