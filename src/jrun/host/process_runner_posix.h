#pragma once
// The real ProcessRunner: the only code in jrun that calls fork, exec, poll, kill and waitpid.

#include <atomic>

#include "jrun/host/process.h"

namespace jrun::host {

/// Runs programs on this machine.
///
/// run(): the child gets pipes for stdin/stdout/stderr (fed and drained together with poll, so
/// large outputs never deadlock) and its own process group. On timeout, or when `interrupted`
/// becomes true, the group gets SIGTERM, then SIGKILL after a grace period. run() returns when
/// the child exits; daemons it left behind holding the pipes do not keep it waiting.
///
/// run_attached(): the child inherits this process's stdio; SIGINT and SIGTERM received while it
/// runs are forwarded to it.
class PosixProcessRunner final : public ProcessRunner {
 public:
  /// `interrupted` (may be null) is polled while a captured child runs (the CLI's SIGINT flag).
  explicit PosixProcessRunner(const std::atomic<bool>* interrupted = nullptr)
      : interrupted_(interrupted) {}

  Result<ProcessResult> run(const Command& command) override;
  Result<int> run_attached(const Command& command) override;

 private:
  const std::atomic<bool>* interrupted_;
};

}  // namespace jrun::host
