// SetupRunner against a jail host that records run_in calls and replays ansible output.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fakes/fake_jail_host.h"
#include "jrun/provision/setup_runner.h"

namespace jrun::provision {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

class RunInHost : public testing::FakeJailHost {
 public:
  Result<host::ProcessResult> run_in(const std::string& name,
                                     const host::Command& command) override {
    calls.push_back({name, command});
    host::ProcessResult result;
    if (command.argv[0] == "env") {
      result = ansible;
      if (command.on_output) command.on_output(ansible.out);
    }
    return result;
  }
  struct Call {
    std::string jail;
    host::Command command;
  };
  std::vector<Call> calls;
  host::ProcessResult ansible;
};

class NoFetch : public Fetcher {
 public:
  Result<std::string> get(const std::string& url) override {
    return make_error(ErrorCode::kRuntime, url + ": offline");
  }
};

class SetupRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jrun-runner-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "templates");
    std::ofstream(dir_ / "site.yml") << "- hosts: localhost\n";
    std::ofstream(dir_ / "templates" / "a.j2") << "{{ x }}\n";
    jail_.name = "web";
    instance_.config = &jail_;
    step_.name = "site; rm -rf /";
    step_.location = (dir_ / "site.yml").string();
    step_.vars["X"] = "it's";
  }
  void TearDown() override { fs::remove_all(dir_); }

  Status run() {
    SetupRunner runner(
        host_, cache_, (dir_ / "logs").string(),
        [this](const std::string& jail, const std::string& step, const std::string& task) {
          tasks_.push_back(jail + "|" + step + "|" + task);
        });
    return runner.run(instance_, step_);
  }

  fs::path dir_;
  RunInHost host_;
  NoFetch fetcher_;
  PlaybookCache cache_{"/nonexistent", "http://hub", fetcher_};
  model::Jail jail_;
  host::JailInstance instance_;
  model::SetupStep step_;
  std::vector<std::string> tasks_;
};

TEST_F(SetupRunnerTest, StagesTheBundleThenRunsAnsibleInTheJail) {
  host_.ansible.out = "TASK [one] ***\nok: [localhost]\nTASK [two] ***\nchanged: [localhost]\n";
  ASSERT_TRUE(run());
  ASSERT_EQ(host_.calls.size(), 2U);
  const host::Command& stage = host_.calls[0].command;
  EXPECT_EQ(host_.calls[0].jail, "web");
  // The step name is never a path: sanitised into one component.
  EXPECT_EQ(stage.argv.back(), "/var/lib/jrun/setup/site__rm_-rf__");
  EXPECT_NE(stage.stdin_data.find("templates/a.j2"), std::string::npos);
  const std::vector<std::string>& argv = host_.calls[1].command.argv;
  EXPECT_THAT(argv, ::testing::Contains("/var/lib/jrun/setup/site__rm_-rf__/site.yml"));
  EXPECT_EQ(argv.back(), "{\"X\":\"it's\"}");
  EXPECT_THAT(tasks_, ElementsAre("web|site; rm -rf /|one", "web|site; rm -rf /|two"));
  std::ifstream log(dir_ / "logs" / "setup-web-site__rm_-rf__.log");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("TASK [two]"));
}

TEST_F(SetupRunnerTest, FailureNamesTaskHostErrorAndLog) {
  host_.ansible.exit_code = 2;
  host_.ansible.out =
      "TASK [install] ***\nfatal: [localhost]: FAILED! => {\"msg\": \"no package foo\"}\n";
  Status status = run();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kRuntime);
  EXPECT_THAT(status.error().message,
              HasSubstr("task 'install' failed on localhost: no package foo"));
  EXPECT_THAT(status.error().message, HasSubstr("log: " + (dir_ / "logs").string()));
}

TEST_F(SetupRunnerTest, MissingAnsibleInTheJailIsExplained) {
  host_.ansible.exit_code = 127;
  host_.ansible.err = "env: 'ansible-playbook': No such file or directory\n";
  instance_.release = "debian-12";
  Status status = run();
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message,
              HasSubstr("ansible-playbook is not available inside jail 'web' (release debian-12)"));
}

TEST_F(SetupRunnerTest, MissingPlaybookFailsBeforeTouchingTheJail) {
  fs::remove(dir_ / "site.yml");
  Status status = run();
  ASSERT_FALSE(status);
  EXPECT_TRUE(host_.calls.empty());
}

}  // namespace
}  // namespace jrun::provision
