// Configs that `config check` and `plan` must refuse because `up` would fail on them, with
// nothing changed on the host (issue 15, items 10 and 11), through the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cli_fixture.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class CliConfigGuard : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrcg0";
    subnet_ = "10.231.32.0/24";
    CliTest::SetUp();
  }

  /// `config check`, `plan` and `up` all refuse `config` with exit 2 and `message`, and the
  /// host is untouched (no state, no bridge, no jail directory).
  void expect_refused(const std::string& config, const std::string& message) {
    for (const char* command : {"check", "plan", "up"}) {
      std::vector<std::string> args = command == std::string("check")
                                          ? std::vector<std::string>{"config", "check", config}
                                          : std::vector<std::string>{command, config};
      JrunRun run = jrun(args, std::chrono::seconds(60));
      EXPECT_EQ(run.exit_code, 2) << command << ": " << run.out << run.err.substr(0, 2000);
      EXPECT_THAT(run.err, HasSubstr(message)) << command << ": " << run.err.substr(0, 2000);
    }
    EXPECT_FALSE(fs::exists(home_ + "/state.json"));
    EXPECT_FALSE(fs::exists("/sys/class/net/" + bridge_));
    EXPECT_FALSE(fs::exists(home_ + "/linux/jails"));
  }
};

TEST_F(CliConfigGuard, ReleasesThatAreNotANameOrNotOnThisHost) {
  const std::string config = write_config("jail \"a\" {\n  release = \"../../../etc\"\n}\n");
  expect_refused(config, config + ":2:13: error: `release` must be a release name");
  const std::string freebsd = write_config("jail \"a\" {\n  release = \"15.0-RELEASE\"\n}\n");
  expect_refused(freebsd, freebsd + ":2:13: error: release `15.0-RELEASE` is not available");
}

TEST_F(CliConfigGuard, MountsOverRootOrDev) {
  for (const char* target : {"/", "/dev"}) {
    const std::string config =
        write_config("jail \"a\" {\n  mount { m { host = \"site\"; jail = \"" +
                     std::string(target) + "\"; } }\n}\n");
    expect_refused(config, config + ":2:37: error: cannot mount over");
  }
  EXPECT_FALSE(fs::exists(dir_ + "/site/null"));
}

TEST_F(CliConfigGuard, AHugeCommandIsReportedWhereItIsAndNotEchoed) {
  const std::string config = dir_ + "/config.ucl";
  {
    std::ofstream out(config);
    out << "jail \"a\" {\n  exec { s { cmd = \"" << std::string(50u << 20, 'x') << "\"; } }\n}\n";
  }
  expect_refused(config, config +
                             ":2:20: error: this string is 52428800 bytes long; the limit "
                             "here is 65536 bytes");
  JrunRun check = jrun({"config", "check", config});
  EXPECT_LT(check.err.size(), 2000u);
}

TEST_F(CliConfigGuard, IncludesOfDevicesFifosAndHugeFilesAreRefusedAtOnce) {
  ASSERT_EQ(::mkfifo((dir_ + "/fifo").c_str(), 0600), 0);
  for (const auto& [target, why] : std::vector<std::pair<std::string, std::string>>{
           {"/dev/zero", "a character device (only regular files are read)"},
           {dir_ + "/fifo", "a FIFO (only regular files are read)"},
           {dir_, "a directory (only regular files are read)"}}) {
    const std::string config = write_config("a = 1\n.include \"" + target + "\"\n");
    auto start = std::chrono::steady_clock::now();
    JrunRun check = jrun({"config", "check", config}, std::chrono::seconds(30));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << target;
    EXPECT_EQ(check.exit_code, 2) << target << check.err;
    EXPECT_THAT(check.err, HasSubstr(config + ":2:1: error: cannot include `" + target +
                                     "`: cannot read " + target + ": " + why));
  }
  {
    std::ofstream big(dir_ + "/big.ucl");
    big << "# " << std::string((64u << 20) + 1, 'x') << "\n";
  }
  const std::string config = write_config(".include \"big.ucl\"\n");
  JrunRun check = jrun({"config", "check", config});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_THAT(check.err, HasSubstr("larger than the limit of 67108864 bytes"));
}

TEST_F(CliConfigGuard, FilesOutsideTheConfigDirectoryAreNeverEchoed) {
  {
    std::ofstream secret(dir_ + "/secret.txt");
    secret << "root:$y$j9T$SECRETHASH:19000:0:99999:7:::\nbob = \"unterminated\n";
  }
  fs::create_directories(dir_ + "/conf");
  const std::string config = dir_ + "/conf/config.ucl";
  std::ofstream(config) << ".include \"../secret.txt\"\n";
  JrunRun check = jrun({"config", "check", config});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_THAT(check.err, HasSubstr(dir_ + "/secret.txt:2:7: error: unterminated string"));
  EXPECT_THAT(check.err, Not(HasSubstr("SECRETHASH")));
  EXPECT_THAT(check.err, Not(HasSubstr("bob =")));
}

TEST_F(CliConfigGuard, AnIncludeLoopIsOneProblem) {
  std::ofstream(dir_ + "/a.ucl") << "x = 1\n.include \"b.ucl\"\n";
  std::ofstream(dir_ + "/b.ucl") << ".include \"a.ucl\"\n";
  const std::string config = write_config(".include \"a.ucl\"\n");
  JrunRun check = jrun({"config", "check", config});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_THAT(check.err, HasSubstr("error: include loop: `" + dir_ + "/a.ucl` includes itself"));
  EXPECT_THAT(check.err, HasSubstr("= note: "));
  EXPECT_THAT(check.err, HasSubstr("\n1 problem found"));
}

}  // namespace
}  // namespace jrun::testing
