#include "jrun/host/transport/ssh_transport.h"

#include "jrun/base/strings.h"

namespace jrun::host {
namespace {

std::string quoted_words(const std::vector<std::string>& argv) {
  std::vector<std::string> words;
  words.reserve(argv.size());
  for (const std::string& word : argv) words.push_back(shell_quote(word));
  return join(words, " ");
}

}  // namespace

std::vector<std::string> ssh_base_argv(const SshTarget& t, bool tty) {
  std::vector<std::string> argv{"ssh", tty ? "-t" : "-T", "-p", std::to_string(t.port)};
  if (!t.key.empty()) argv.insert(argv.end(), {"-i", t.key, "-o", "IdentitiesOnly=yes"});
  const std::vector<std::string> options{
      "BatchMode=yes",
      "StrictHostKeyChecking=accept-new",
      "UserKnownHostsFile=" + t.known_hosts,
      "GlobalKnownHostsFile=/dev/null",
      "ControlMaster=auto",
      "ControlPath=" + t.control_path,
      "ControlPersist=120s",
      "ConnectTimeout=10",
      "ServerAliveInterval=10",
      "LogLevel=ERROR",
  };
  for (const std::string& option : options) argv.insert(argv.end(), {"-o", option});
  argv.push_back(t.user + "@" + t.host);
  return argv;
}

std::string remote_script_command(const SshTarget& t) {
  const std::string reader = "s=$(cat; echo .); exec </dev/null; eval \"${s%.}\"";
  return t.become + " sh -c " + shell_quote(reader) + " jrun-script";
}

Command SshTransport::script_command(const std::string& script) const {
  Command command;
  command.argv = ssh_base_argv(target_, false);
  command.argv.push_back(remote_script_command(target_));
  command.stdin_data = script;
  if (script_timeout_.count() > 0) command.timeout = script_timeout_;
  return command;
}

Result<ProcessResult> SshTransport::checked(const Command& command) {
  ASSIGN_OR_RETURN(ProcessResult result, runner_.run(command));
  // ssh itself failing (255) is a transport error, not the script's exit status.
  if (result.exit_code == 255 && result.out.empty()) {
    return make_error(ErrorCode::kRuntime,
                      "ssh to " + describe() + " failed: " + std::string(trim(result.err)));
  }
  return result;
}

Result<ProcessResult> SshTransport::run_script(const std::string& script) {
  return checked(script_command(script));
}

Command SshTransport::remote_command(const Command& command) const {
  std::vector<std::string> words;
  if (!command.env.empty()) {
    words.push_back("env");
    for (const auto& [key, value] : command.env) words.push_back(key + "=" + value);
  }
  words.insert(words.end(), command.argv.begin(), command.argv.end());
  Command remote;
  remote.argv = ssh_base_argv(target_, false);
  remote.argv.push_back(target_.become + " " + quoted_words(words));
  remote.stdin_data = command.stdin_data;
  remote.timeout = command.timeout;
  remote.on_output = command.on_output;
  return remote;
}

Result<ProcessResult> SshTransport::run_command(const Command& command) {
  return checked(remote_command(command));
}

Result<int> SshTransport::run_attached(const std::vector<std::string>& argv, bool tty) {
  Command command;
  command.argv = ssh_base_argv(target_, tty);
  command.argv.push_back(target_.become + " " + quoted_words(argv));
  return runner_.run_attached(command);
}

Result<int> SshTransport::run_as_user(const std::vector<std::string>& argv, bool tty) {
  Command command;
  command.argv = ssh_base_argv(target_, tty);
  if (!argv.empty()) command.argv.push_back(quoted_words(argv));
  return runner_.run_attached(command);
}

Result<ProcessResult> SshTransport::run_user_command(const std::string& command_line) {
  Command command;
  command.argv = ssh_base_argv(target_, false);
  command.argv.push_back(command_line);
  command.timeout = std::chrono::seconds(30);
  return runner_.run(command);
}

void SshTransport::close_master() {
  Command command;
  command.argv = ssh_base_argv(target_, false);
  command.argv.insert(command.argv.end() - 1, {"-O", "exit"});
  command.timeout = std::chrono::seconds(5);
  (void)runner_.run(command);
}

std::string SshTransport::describe() const {
  return "ssh " + target_.user + "@" + target_.host + ":" + std::to_string(target_.port);
}

}  // namespace jrun::host
