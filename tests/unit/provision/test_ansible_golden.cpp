// The generated ansible-playbook command lines (golden): FreeBSD jail through the VM, the VM
// itself, and a Linux jail. Hostile vars and paths stay single argv words / valid JSON.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "jrun/base/strings.h"
#include "jrun/provision/ansible.h"

namespace jrun::provision {
namespace {

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/provision/" + name;
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

/// One argv word per line (env first), so a diff shows exactly which word changed.
std::string render(const host::Command& command) {
  std::string out;
  for (const auto& [key, value] : command.env) out += "env " + key + "=" + value + "\n";
  for (const std::string& word : command.argv) out += "arg " + word + "\n";
  return out;
}

nlohmann::ordered_json hostile_vars() {
  nlohmann::ordered_json vars = nlohmann::ordered_json::object();
  vars["NGINX_LISTEN_PORT"] = 8080;
  vars["SITE"] = "it's \"$(rm -rf /)\"; `id`\nnext";
  vars["ENABLED"] = true;
  vars["PACKAGES"] = {"curl", "../x"};
  return vars;
}

VmSsh vm() {
  VmSsh v;
  v.port = 2222;
  v.private_key = "/home/u/.jrun/ssh/id_ed25519";
  v.known_hosts = "/home/u/.jrun/ssh/known hosts";
  return v;
}

TEST(AnsibleGolden, FreebsdJail) {
  check_golden("freebsd_jail.txt",
               render(freebsd_jail_command("/home/u/.jrun/playbooks/hub_main_0123/playbook.yml",
                                           hostile_vars(), "10.17.89.10", vm())));
}

TEST(AnsibleGolden, Vm) {
  check_golden("vm.txt", render(vm_command("/srv/conf/base setup.yml", hostile_vars(), vm())));
}

TEST(AnsibleGolden, LinuxJail) {
  host::Command c;
  c.argv = linux_jail_argv("/var/lib/jrun/setup/app/playbook.yml", hostile_vars());
  check_golden("linux_jail.txt", render(c));
}

TEST(Ansible, VarsAreOneJsonWordAndConnectionComesLast) {
  host::Command c = freebsd_jail_command("p.yml", hostile_vars(), "10.17.89.10", vm());
  auto vars = std::find(c.argv.begin(), c.argv.end(), "-e");
  ASSERT_NE(vars, c.argv.end());
  EXPECT_EQ(nlohmann::ordered_json::parse(*(vars + 1)), hostile_vars());
  auto connection = nlohmann::json::parse(c.argv.back());
  EXPECT_EQ(connection["ansible_host"], "10.17.89.10");
  EXPECT_EQ(connection["ansible_user"], "root");
  std::string common = connection["ansible_ssh_common_args"];
  EXPECT_NE(common.find("StrictHostKeyChecking=accept-new"), std::string::npos);
  EXPECT_EQ(common.find("StrictHostKeyChecking=no"), std::string::npos);
  // The known_hosts path with a space survives as one word of the ProxyCommand.
  EXPECT_NE(common.find("'UserKnownHostsFile=/home/u/.jrun/ssh/known hosts'"), std::string::npos);
}

/// Splits `text` with Python's shlex (what Ansible does with ansible_ssh_common_args), one word
/// per line.
std::string shlex_words(const std::string& text) {
  std::string command =
      "python3 -c 'import shlex,sys; print(\"\\n\".join(shlex.split(sys.argv[1])))' " +
      shell_quote(text);
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(Ansible, SshCommonArgsSplitAsAnsibleAndSshSplitThem) {
  host::Command c = freebsd_jail_command("p.yml", hostile_vars(), "10.17.89.10", vm());
  std::string common = nlohmann::json::parse(c.argv.back())["ansible_ssh_common_args"];
  std::vector<std::string> words = split(shlex_words(common), '\n');
  ASSERT_GE(words.size(), 2U);
  EXPECT_EQ(words[1], "UserKnownHostsFile=/home/u/.jrun/ssh/known hosts");
  std::string proxy = words.back();
  ASSERT_EQ(proxy.rfind("ProxyCommand=", 0), 0U) << proxy;
  // ssh hands the ProxyCommand to a shell: its words must come back intact too.
  std::vector<std::string> inner = split(shlex_words(proxy.substr(13)), '\n');
  EXPECT_THAT(inner, ::testing::Contains("UserKnownHostsFile=/home/u/.jrun/ssh/known hosts"));
  EXPECT_THAT(inner, ::testing::Contains("admin@127.0.0.1"));
}

TEST(Ansible, NoVarsNoExtraVarsWord) {
  auto argv = linux_jail_argv("/p.yml", nlohmann::ordered_json::object());
  EXPECT_EQ(argv.back(), "/p.yml");
}

}  // namespace
}  // namespace jrun::provision
