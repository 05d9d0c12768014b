// The ssh transport: multiplexed, pinned host keys, the script on stdin as root.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fakes/fake_process_runner.h"
#include "jrun/host/process_runner_posix.h"
#include "jrun/host/transport/ssh_transport.h"

namespace jrun::host {
namespace {

using ::testing::Contains;

SshTarget target() {
  SshTarget t;
  t.port = 2260;
  t.key = "/h/vm/ssh/id_ed25519";
  t.known_hosts = "/h/vm/ssh/known_hosts";
  t.control_path = "/h/vm/ssh/control";
  return t;
}

TEST(SshTransport, BaseArgvMultiplexesAndPinsHostKeys) {
  const std::vector<std::string> argv = ssh_base_argv(target(), false);
  EXPECT_EQ(argv.front(), "ssh");
  EXPECT_EQ(argv.back(), "admin@127.0.0.1");
  EXPECT_THAT(argv, Contains("ControlMaster=auto"));
  EXPECT_THAT(argv, Contains("ControlPath=/h/vm/ssh/control"));
  EXPECT_THAT(argv, Contains("StrictHostKeyChecking=accept-new"));
  EXPECT_THAT(argv, Contains("UserKnownHostsFile=/h/vm/ssh/known_hosts"));
  EXPECT_THAT(argv, Contains("BatchMode=yes"));
  EXPECT_THAT(argv, Contains("-T"));
  for (const std::string& word : argv)
    EXPECT_EQ(word.find("StrictHostKeyChecking=no"), std::string::npos);
  EXPECT_THAT(ssh_base_argv(target(), true), Contains("-t"));
}

TEST(SshTransport, ScriptGoesOnStdinAndRunsAsRoot) {
  PosixProcessRunner runner;
  SshTransport linux_guest(runner, target());
  const Command c = linux_guest.script_command("echo hi\n");
  EXPECT_EQ(c.stdin_data, "echo hi\n");
  EXPECT_EQ(c.argv.back().rfind("sudo -n sh -c ", 0), 0u) << c.argv.back();
  SshTarget bsd = target();
  bsd.become = "doas";
  EXPECT_EQ(remote_script_command(bsd).rfind("doas sh -c ", 0), 0u);
}

TEST(SshTransport, RemoteReaderRunsTheScriptWithoutItsStdin) {
  // The remote command line, run by a local sh exactly as sshd's login shell would run it
  // (without the become prefix): commands in the script must not eat the script.
  SshTarget t = target();
  t.become = "";
  PosixProcessRunner runner;
  Command c;
  c.argv = {"/bin/sh", "-c", remote_script_command(t)};
  c.stdin_data = "cat\necho 'after; $(x)'\nexit 3\n";
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "after; $(x)\n");
  EXPECT_EQ(r->exit_code, 3);
}

TEST(SshTransport, AttachedArgvIsQuotedWordByWord) {
  testing::FakeProcessRunner runner;
  SshTransport transport(runner, target());
  ASSERT_TRUE(transport.run_attached({"echo", "a b", "'$(rm -rf /)'"}, true));
  ASSERT_EQ(runner.attached().size(), 1u);
  const std::vector<std::string> argv = runner.attached()[0].argv;
  EXPECT_THAT(argv, Contains("-t"));
  EXPECT_EQ(argv.back(), "sudo -n echo 'a b' ''\\''$(rm -rf /)'\\'''");
}

TEST(SshTransport, CommandsRunAsRootWithEnvStdinAndOutput) {
  testing::FakeProcessRunner runner;
  SshTarget bsd = target();
  bsd.become = "doas";
  SshTransport transport(runner, bsd);
  Command c;
  c.argv = {"jexec", "-l", "jrun-web", "sh", "-c", "tar -xf - ; echo $(x)"};
  c.env = {{"ANSIBLE_NOCOLOR", "1"}};
  c.stdin_data = "archive";
  c.timeout = std::chrono::seconds(7);
  std::string seen;
  c.on_output = [&](std::string_view chunk) { seen += chunk; };
  const Command remote = transport.remote_command(c);
  EXPECT_EQ(remote.argv.back(),
            "doas env ANSIBLE_NOCOLOR=1 jexec -l jrun-web sh -c 'tar -xf - ; echo $(x)'");
  EXPECT_EQ(remote.stdin_data, "archive");
  EXPECT_EQ(remote.timeout, std::chrono::milliseconds(7000));
  ASSERT_TRUE(remote.on_output);
  remote.on_output("progress");
  EXPECT_EQ(seen, "progress");
  runner.results.push_back(ProcessResult{2, "out", "err"});
  auto r = transport.run_command(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->exit_code, 2);
  ASSERT_EQ(runner.commands().size(), 1u);
  EXPECT_EQ(runner.commands()[0].stdin_data, "archive");
}

TEST(SshTransport, SshFailureIsATransportError) {
  testing::FakeProcessRunner runner;
  runner.results.push_back(
      ProcessResult{255, "", "ssh: connect to host 127.0.0.1 port 2260: Connection refused\n"});
  SshTransport transport(runner, target());
  auto r = transport.run_script("true");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("Connection refused"), std::string::npos);
  EXPECT_EQ(transport.describe(), "ssh admin@127.0.0.1:2260");
}

}  // namespace
}  // namespace jrun::host
