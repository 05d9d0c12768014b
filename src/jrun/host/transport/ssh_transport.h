#pragma once
// The `ssh` transport: OpenSSH with ControlMaster multiplexing (one TCP+auth handshake, then
// each round trip is a cheap channel), the instance key and a per-instance known_hosts file:
// host keys are learned on first contact (StrictHostKeyChecking=accept-new) and pinned after.

#include <cstdint>
#include <string>
#include <vector>

#include "jrun/host/process.h"
#include "jrun/host/transport.h"

namespace jrun::host {

/// Where and how to reach a jail host over ssh.
struct SshTarget {
  std::string user = "admin";
  std::string host = "127.0.0.1";
  std::uint16_t port = 22;
  std::string key;           ///< private key file
  std::string known_hosts;   ///< per-instance known_hosts (pinned host keys)
  std::string control_path;  ///< ControlMaster socket
  /// How the remote side becomes root: "sudo -n" (Linux guests) or "doas" (FreeBSD).
  std::string become = "sudo -n";
};

/// The ssh argv up to and including the destination (options, no remote command).
std::vector<std::string> ssh_base_argv(const SshTarget& target, bool tty);

/// The remote command line that runs a script read from stdin as root. The script is read
/// completely before it runs, so its commands see /dev/null as stdin, not the script's rest.
std::string remote_script_command(const SshTarget& target);

class SshTransport final : public Transport {
 public:
  /// `runner` must outlive the transport.
  SshTransport(ProcessRunner& runner, SshTarget target,
               std::chrono::milliseconds script_timeout = std::chrono::minutes(30))
      : runner_(runner), target_(std::move(target)), script_timeout_(script_timeout) {}

  Result<ProcessResult> run_script(const std::string& script) override;
  /// Runs argv as root on the far side (each word shell-quoted), with `-t` when `tty`.
  Result<int> run_attached(const std::vector<std::string>& argv, bool tty) override;
  /// argv as root on the far side (`become`), with the command's environment (`env K=V`),
  /// stdin, timeout and output callback; its cwd is not used.
  Result<ProcessResult> run_command(const Command& command) override;
  std::string describe() const override;

  /// The ssh command run_command runs: `command` as root on the far side (for tests).
  Command remote_command(const Command& command) const;
  /// The command run_script runs (for tests).
  Command script_command(const std::string& script) const;
  /// Runs argv as the ssh user (not root), e.g. `jrun ssh` into the VM; empty argv = login shell.
  Result<int> run_as_user(const std::vector<std::string>& argv, bool tty);
  /// Runs a command line as the ssh user (not root), capturing output (readiness, uname).
  Result<ProcessResult> run_user_command(const std::string& command_line);
  /// Closes the multiplexing master (stop, purge).
  void close_master();
  const SshTarget& target() const { return target_; }

 private:
  /// Runs `command`; ssh's own failure (255, no output) becomes a kRuntime error.
  Result<ProcessResult> checked(const Command& command);
  ProcessRunner& runner_;
  SshTarget target_;
  std::chrono::milliseconds script_timeout_;
};

}  // namespace jrun::host
