#pragma once
// The `local` transport: the jail host is this machine.

#include "jrun/host/process.h"
#include "jrun/host/transport.h"

namespace jrun::host {

/// Runs scripts with `/bin/sh -c SCRIPT` (stdin empty; scripts over 100 KiB are read from stdin
/// first, then evaluated with stdin on /dev/null) and attached commands directly; `tty` is
/// irrelevant locally.
class LocalTransport final : public Transport {
 public:
  /// `runner` must outlive the transport. `script_timeout` bounds every run_script (0 = none).
  explicit LocalTransport(ProcessRunner& runner,
                          std::chrono::milliseconds script_timeout = std::chrono::minutes(30))
      : runner_(runner), script_timeout_(script_timeout) {}

  Result<ProcessResult> run_script(const std::string& script) override;
  Result<int> run_attached(const std::vector<std::string>& argv, bool tty) override;
  Result<ProcessResult> run_command(const Command& command) override {
    return runner_.run(command);
  }
  std::string describe() const override { return "local"; }

  /// The command run_script runs (for tests).
  Command script_command(const std::string& script) const;

 private:
  ProcessRunner& runner_;
  std::chrono::milliseconds script_timeout_;
};

}  // namespace jrun::host
