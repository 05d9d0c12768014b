#pragma once
// How jrun reaches a jail host: `local` (this machine) or `ssh` (a VM or remote host). A driver
// never knows which; it hands the transport scripts and argv values.

#include <string>
#include <vector>

#include "jrun/host/process.h"

namespace jrun::host {

class Transport {
 public:
  virtual ~Transport() = default;
  /// Runs a POSIX sh script on the jail host as root (one round trip), capturing output.
  virtual Result<ProcessResult> run_script(const std::string& script) = 0;
  /// Runs argv on the jail host attached to the user's terminal (cmd, ssh, logs -f).
  /// `tty` asks for a terminal on the far side (ssh -t); exit code passed through.
  virtual Result<int> run_attached(const std::vector<std::string>& argv, bool tty) = 0;
  /// Runs `command` (argv, stdin, on_output) on the jail host capturing its output. The
  /// default says the transport cannot (transports that can override it).
  virtual Result<ProcessResult> run_command(const Command& command) {
    return make_error(ErrorCode::kRuntime,
                      "running '" + (command.argv.empty() ? std::string() : command.argv[0]) +
                          "' is not supported over " + describe());
  }
  /// "local" or "ssh admin@127.0.0.1:2222", for messages.
  virtual std::string describe() const = 0;
};

}  // namespace jrun::host
