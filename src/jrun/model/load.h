#pragma once
// UCL tree -> validated Config. Every problem is collected; none stops the others.

#include <string>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/base/filesystem.h"
#include "jrun/base/source.h"
#include "jrun/model/config.h"
#include "jrun/ucl/value.h"

namespace jrun::model {

/// Facts about the jail host and settings that validation needs, passed in as values.
struct ValidationContext {
  const FileSystem* fs = nullptr;      ///< checks host paths exist; nullptr skips the checks
  const SourceMap* sources = nullptr;  ///< to name a second position in messages ("f:12:7")
  std::string config_path;             ///< as the user named it
  std::string config_dir;              ///< absolute directory of the config file
  std::string home;                    ///< for `~` in paths
  std::string subnet = "10.17.89.0/24";
  std::string gateway = "10.17.89.1";
  double monit_cycle = 30;  ///< seconds; healthcheck intervals may not be shorter
  /// The releases the jail host's driver can make (`release` must be one of them); empty = not
  /// known here (only the form of the name is checked).
  std::vector<std::string> releases;
};

struct LoadResult {
  Config config;                        ///< meaningful only when diagnostics is empty
  std::vector<Diagnostic> diagnostics;  ///< every problem found, in file order
  bool ok() const { return diagnostics.empty(); }
};

/// Validates a parsed document against the schema (SPEC §2) and builds the Config.
LoadResult load_config(const ucl::Value& root, const ValidationContext& context);

}  // namespace jrun::model
