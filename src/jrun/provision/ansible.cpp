#include "jrun/provision/ansible.h"

#include "jrun/base/strings.h"

namespace jrun::provision {
namespace {

using Json = nlohmann::ordered_json;

/// ssh options shared by ansible's connection and the ProxyCommand: the instance's own
/// known_hosts (first contact accepted, a changed key refused), quiet, multiplexed.
std::vector<std::string> ssh_options(const VmSsh& vm) {
  return {"-o", "UserKnownHostsFile=" + vm.known_hosts,
          "-o", "StrictHostKeyChecking=accept-new",
          "-o", "LogLevel=ERROR",
          "-o", "IdentitiesOnly=yes"};
}

/// Words joined for ansible_ssh_common_args (split by Python's shlex: POSIX quoting).
std::string quoted(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const std::string& word : words) out.push_back(shell_quote(word));
  return join(out, " ");
}

std::vector<std::string> playbook_argv(const std::string& playbook, const Json& vars,
                                       const std::string& connection) {
  std::vector<std::string> argv = {"ansible-playbook", "-i",    "localhost,", "-c",
                                   connection,         playbook};
  if (!vars.empty()) argv.insert(argv.end(), {"-e", vars.dump()});
  return argv;
}

host::Command ssh_playbook(const std::string& playbook, const Json& vars, const Json& connection,
                           const VmSsh& vm) {
  host::Command command;
  command.argv = playbook_argv(playbook, vars, "ssh");
  command.argv.insert(command.argv.end(),
                      {"--private-key", vm.private_key, "-e", connection.dump()});
  command.env = ansible_env();
  return command;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ansible_env() {
  return {{"ANSIBLE_NOCOLOR", "1"},
          {"ANSIBLE_FORCE_COLOR", "0"},
          {"ANSIBLE_STDOUT_CALLBACK", "default"},
          {"ANSIBLE_RETRY_FILES_ENABLED", "0"},
          {"ANSIBLE_PYTHON_INTERPRETER", "auto_silent"},
          {"ANSIBLE_LOCALHOST_WARNING", "0"},
          {"ANSIBLE_INVENTORY_UNPARSED_WARNING", "0"},
          {"PYTHONUNBUFFERED", "1"}};
}

std::vector<std::string> linux_jail_argv(const std::string& playbook, const Json& vars) {
  std::vector<std::string> argv = {"env"};
  for (const auto& [key, value] : ansible_env()) argv.push_back(key + "=" + value);
  std::vector<std::string> run = playbook_argv(playbook, vars, "local");
  argv.insert(argv.end(), run.begin(), run.end());
  return argv;
}

host::Command freebsd_jail_command(const std::string& playbook, const Json& vars,
                                   const std::string& jail_ip, const VmSsh& vm) {
  std::vector<std::string> proxy = {"ssh", "-i", vm.private_key, "-p", std::to_string(vm.port)};
  for (const std::string& option : ssh_options(vm)) proxy.push_back(option);
  proxy.insert(proxy.end(), {"-W", "%h:%p", vm.user + "@" + vm.host});
  std::vector<std::string> common = ssh_options(vm);
  common.insert(common.end(), {"-o", "ProxyCommand=" + quoted(proxy)});
  Json connection = Json::object();
  connection["ansible_host"] = jail_ip;
  connection["ansible_port"] = 22;
  connection["ansible_user"] = "root";
  connection["ansible_python_interpreter"] = vm.python;
  connection["ansible_ssh_common_args"] = quoted(common);
  return ssh_playbook(playbook, vars, connection, vm);
}

host::Command vm_command(const std::string& playbook, const Json& vars, const VmSsh& vm) {
  Json connection = Json::object();
  connection["ansible_host"] = vm.host;
  connection["ansible_port"] = vm.port;
  connection["ansible_user"] = vm.user;
  connection["ansible_python_interpreter"] = vm.python;
  connection["ansible_ssh_common_args"] = quoted(ssh_options(vm));
  return ssh_playbook(playbook, vars, connection, vm);
}

}  // namespace jrun::provision
