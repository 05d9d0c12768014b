#pragma once
// Running programs: a Command value and the ProcessRunner interface. The real runner
// (process_runner_posix.cpp) is the only code that calls fork/exec/poll/kill; tests use a fake
// that records commands and replays scripted results.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jrun/base/result.h"

namespace jrun::host {

/// A program to run, as a value (golden-testable).
struct Command {
  std::vector<std::string> argv;
  std::string stdin_data;                                ///< fed to the program's stdin
  std::vector<std::pair<std::string, std::string>> env;  ///< added to the environment
  std::string cwd;                                       ///< "" = inherit
  std::optional<std::chrono::milliseconds> timeout;      ///< killed (TERM, then KILL) after
  /// Sees every chunk of stdout and stderr as it arrives (progress of long runs); may be empty.
  /// Called on the thread that runs the command; output is still captured in ProcessResult.
  std::function<void(std::string_view chunk)> on_output;
};

struct ProcessResult {
  int exit_code = 0;  ///< 128+N when killed by signal N
  std::string out;
  std::string err;
  bool timed_out = false;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  /// Runs to completion capturing stdout/stderr. Fails only when the program cannot be
  /// started (not found, fork failure); a non-zero exit is a ProcessResult.
  virtual Result<ProcessResult> run(const Command& command) = 0;
  /// Runs with this process's stdin/stdout/stderr (interactive use); returns the exit code.
  virtual Result<int> run_attached(const Command& command) = 0;
};

}  // namespace jrun::host
