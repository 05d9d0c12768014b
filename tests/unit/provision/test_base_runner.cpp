// A base setup step run against the VM: the ansible-playbook command (over ssh as admin), the
// progress lines and log, and a failure naming task, host, error and log.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jrun/provision/base_runner.h"

namespace jrun::provision {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

class ReplayRunner : public host::ProcessRunner {
 public:
  Result<host::ProcessResult> run(const host::Command& command) override {
    commands.push_back(command);
    if (command.on_output) command.on_output(result.out);
    return result;
  }
  Result<int> run_attached(const host::Command&) override { return 0; }
  std::vector<host::Command> commands;
  host::ProcessResult result;
};

class BaseRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jrun-base-runner-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    ctx_.runner = &runner_;
    ctx_.vm.port = 2301;
    ctx_.vm.private_key = "/h/ssh/id_ed25519";
    ctx_.vm.known_hosts = "/h/ssh/known_hosts";
    ctx_.log_dir = (dir_ / "logs").string();
    ctx_.progress = [this](const std::string& step, const std::string& task) {
      progress_.push_back(step + ": " + task);
    };
    step_.name = "motd; x";
    step_.location = "/p/site.yml";
    step_.vars["greeting"] = "hi";
    bundle_.root = "/p";
    bundle_.entry = "site.yml";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string log() const {
    std::ifstream in(base_log_path(ctx_.log_dir, step_.name));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
  ReplayRunner runner_;
  BaseStepContext ctx_;
  std::vector<std::string> progress_;
  model::SetupStep step_;
  Bundle bundle_;
};

TEST_F(BaseRunnerTest, RunsThePlaybookAgainstTheVmWithProgressAndLog) {
  runner_.result.out = "TASK [one] ***\nok: [127.0.0.1]\nTASK [two] ***\nchanged: [127.0.0.1]\n";
  ASSERT_TRUE(run_base_step(ctx_, step_, bundle_));
  ASSERT_EQ(runner_.commands.size(), 1u);
  const host::Command& c = runner_.commands[0];
  EXPECT_EQ(c.argv, vm_command("/p/site.yml", step_.vars, ctx_.vm).argv);
  EXPECT_THAT(c.argv, Contains("/p/site.yml"));
  EXPECT_THAT(progress_, ElementsAre("motd; x: one", "motd; x: two"));
  EXPECT_EQ(base_log_path(ctx_.log_dir, step_.name), ctx_.log_dir + "/base-motd__x.log");
  EXPECT_THAT(log(), HasSubstr("TASK [two]"));
}

TEST_F(BaseRunnerTest, AFailureNamesTaskHostErrorAndLog) {
  runner_.result.exit_code = 2;
  runner_.result.out =
      "TASK [write] ***\nfatal: [127.0.0.1]: FAILED! => {\"msg\": \"disk full\"}\n";
  Status s = run_base_step(ctx_, step_, bundle_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kRuntime);
  EXPECT_THAT(s.error().message, HasSubstr("task 'write' failed on 127.0.0.1: disk full"));
  EXPECT_THAT(s.error().message, HasSubstr("log: " + ctx_.log_dir + "/base-motd__x.log"));
}

TEST_F(BaseRunnerTest, AnInterruptedRunIsNotAFailure) {
  runner_.result.exit_code = 130;
  Status s = run_base_step(ctx_, step_, bundle_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInterrupted);
}

}  // namespace
}  // namespace jrun::provision
