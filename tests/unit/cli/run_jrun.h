#pragma once
// Runs the real jrun binary (JRUN_BINARY, set by CTest) and captures what it printed.

#include <map>
#include <string>
#include <vector>

namespace jrun::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `jrun args...` with `env` added to a minimal environment, in working directory `cwd`.
RunResult run_jrun(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {},
                   const std::string& cwd = JRUN_SOURCE_DIR);

}  // namespace jrun::testing
