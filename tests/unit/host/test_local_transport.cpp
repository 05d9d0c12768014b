// The local transport: scripts through /bin/sh, attached argv as given.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fakes/fake_process_runner.h"
#include "jrun/host/process_runner_posix.h"
#include "jrun/host/transport/local_transport.h"

namespace jrun::host {
namespace {

using ::testing::ElementsAre;

TEST(LocalTransport, RunsAScriptWithSh) {
  PosixProcessRunner runner;
  LocalTransport transport(runner);
  auto r = transport.run_script("set -e\nx='a b'\necho \"$x\"\nexit 4\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "a b\n");
  EXPECT_EQ(r->exit_code, 4);
  EXPECT_EQ(transport.describe(), "local");
}

TEST(LocalTransport, CommandsInAScriptDoNotReadTheScript) {
  PosixProcessRunner runner;
  LocalTransport transport(runner);
  auto r = transport.run_script("cat\necho after\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "after\n");
}

TEST(LocalTransport, LargeScriptsRunFromStdin) {
  PosixProcessRunner runner;
  LocalTransport transport(runner);
  std::string script = "# " + std::string(200 * 1024, 'x') + "\ncat\necho big; exit 2\n";
  ASSERT_GT(transport.script_command(script).stdin_data.size(), 0u);
  auto r = transport.run_script(script);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "big\n");
  EXPECT_EQ(r->exit_code, 2);
}

TEST(LocalTransport, AttachedRunsArgvDirectly) {
  testing::FakeProcessRunner runner;
  runner.attached_exit = 5;
  LocalTransport transport(runner);
  auto r = transport.run_attached({"nsenter", "-t", "1", "sh"}, true);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 5);
  ASSERT_EQ(runner.attached().size(), 1u);
  EXPECT_THAT(runner.attached()[0].argv, ElementsAre("nsenter", "-t", "1", "sh"));
}

TEST(LocalTransport, ScriptsHaveATimeout) {
  testing::FakeProcessRunner runner;
  LocalTransport transport(runner, std::chrono::seconds(9));
  ASSERT_TRUE(transport.run_script("true"));
  ASSERT_EQ(runner.commands().size(), 1u);
  EXPECT_EQ(runner.commands()[0].timeout, std::chrono::milliseconds(9000));
  EXPECT_EQ(runner.commands()[0].argv[0], "/bin/sh");
}

}  // namespace
}  // namespace jrun::host
