#pragma once
// The commands and their arguments as plain data. table.cpp binds these structs to the command
// line (the only file that sees CLI11); each cmd_*.cpp implements one command.

#include <map>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/cli/output.h"
#include "jrun/cli/settings.h"

namespace jrun::cli {

/// What every command gets: settings, the environment, the output, where jrun was started.
struct Context {
  Settings settings;
  std::map<std::string, std::string> env;
  std::string cwd;
  Output* out = nullptr;
  bool interactive = false;  ///< stdin and stdout are terminals (prompts allowed)
};

struct ConfigDumpArgs {
  std::string file;
  bool json = false;
  std::vector<std::string> vars;  ///< NAME=VALUE
};

struct ConfigCheckArgs {
  std::string file;
  std::vector<std::string> vars;
};

struct PlanArgs {
  std::string config;
  std::vector<std::string> names;
  bool json = false;
  bool prune = false;
  bool provision = false;
};

/// Implementations. Each returns the exit code on success (normally 0) or an Error.
Result<int> cmd_config_dump(Context& ctx, const ConfigDumpArgs& args);
Result<int> cmd_config_check(Context& ctx, const ConfigCheckArgs& args);
Result<int> cmd_plan(Context& ctx, const PlanArgs& args);
/// A command of SPEC §3 that this build does not have yet: says so, exit 1.
Result<int> cmd_not_available(Context& ctx, const std::string& name);

}  // namespace jrun::cli
