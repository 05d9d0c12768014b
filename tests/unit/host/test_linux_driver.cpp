// LinuxDriver over a scripted fake transport: one round trip per operation, errors carry the
// operation and the script's stderr tail, attached commands pass argv and exit codes through.

#include <gtest/gtest.h>

#include <deque>

#include "jrun/host/linux/linux_driver.h"

namespace jrun::host::linux_driver {
namespace {

class FakeTransport final : public Transport {
 public:
  Result<ProcessResult> run_script(const std::string& script) override {
    scripts.push_back(script);
    if (replies.empty()) return ProcessResult{};
    ProcessResult reply = replies.front();
    replies.pop_front();
    return reply;
  }
  Result<int> run_attached(const std::vector<std::string>& argv, bool) override {
    attached.push_back(argv);
    return attached_exit;
  }
  std::string describe() const override { return "fake"; }

  std::vector<std::string> scripts;
  std::deque<ProcessResult> replies;
  std::vector<std::vector<std::string>> attached;
  int attached_exit = 0;
};

class LinuxDriverTest : public ::testing::Test {
 protected:
  LinuxDriverTest() : driver_(transport_, LinuxLayout{"/var/lib/jrun/linux"}) { web_.name = "web"; }
  JailInstance web() const { return JailInstance{&web_, "10.17.89.10", "", "", 30}; }

  FakeTransport transport_;
  LinuxDriver driver_;
  model::Jail web_;
};

LogsQuery hostile_service() {
  LogsQuery query;
  query.service = "$(x)";
  return query;
}

TEST_F(LinuxDriverTest, CreateAfterPrepareIsOneRoundTrip) {
  transport_.replies.push_back({0, "--- jrun: host resolv.conf ---\nnameserver 192.0.2.1\n", ""});
  ASSERT_TRUE(driver_.prepare(HostWiring{}).has_value());
  ASSERT_TRUE(driver_.create(web(), HostWiring{}).has_value());
  ASSERT_EQ(transport_.scripts.size(), 2U);
  EXPECT_NE(transport_.scripts[1].find("create jail 'web'"), std::string::npos);
  EXPECT_NE(transport_.scripts[1].find("nameserver 192.0.2.1"), std::string::npos);
}

TEST_F(LinuxDriverTest, FailureCarriesContextAndStderrTail) {
  std::string err;
  for (int i = 0; i < 40; ++i) err += "noise " + std::to_string(i) + "\n";
  err += "jrun: the real reason\n";
  transport_.replies.push_back({1, "", err});
  auto destroyed = driver_.destroy("web");
  ASSERT_FALSE(destroyed.has_value());
  EXPECT_NE(destroyed.error().message.find("the real reason"), std::string::npos);
  EXPECT_EQ(destroyed.error().message.find("noise 3\n"), std::string::npos);
  ASSERT_EQ(destroyed.error().context.size(), 1U);
  EXPECT_EQ(destroyed.error().context[0], "destroying jail 'web'");
}

TEST_F(LinuxDriverTest, InvalidInputNeverReachesTheHost) {
  EXPECT_FALSE(driver_.destroy("../etc").has_value());
  EXPECT_FALSE(driver_.enter("a b", {"true"}, false).has_value());
  EXPECT_FALSE(driver_.logs("web", hostile_service()).has_value());
  JailInstance bad = web();
  bad.release = "plan9";
  EXPECT_FALSE(driver_.create(bad, HostWiring{}).has_value());
  EXPECT_TRUE(transport_.scripts.empty());
  EXPECT_TRUE(transport_.attached.empty());
}

TEST_F(LinuxDriverTest, EnterPassesArgvAndExitCode) {
  transport_.attached_exit = 42;
  auto code = driver_.enter("web", {"/bin/echo", "it's $(not run)"}, true);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 42);
  ASSERT_EQ(transport_.attached.size(), 1U);
  const auto& argv = transport_.attached[0];
  EXPECT_EQ(argv.back(), "it's $(not run)");
  EXPECT_EQ(argv[argv.size() - 2], "/bin/echo");
  EXPECT_EQ(argv[4], "/var/lib/jrun/linux/jails/web");
}

TEST_F(LinuxDriverTest, ProbeParsesTheHostsAnswer) {
  transport_.replies.push_back({0, "jail web 1\njail db 0\n", ""});
  auto probed = driver_.probe();
  ASSERT_TRUE(probed.has_value());
  EXPECT_TRUE(probed->jails.at("web").running);
  EXPECT_FALSE(probed->jails.at("db").running);
}

TEST_F(LinuxDriverTest, LogsPassAQueryOnlyWithACheckedSince) {
  LogsQuery query;
  query.since = "$(reboot)";
  EXPECT_FALSE(driver_.logs("web", query).has_value());
  EXPECT_TRUE(transport_.attached.empty());
  query.since = "2026-11-28T19:00:00Z";
  ASSERT_TRUE(driver_.logs("web", query).has_value());
  ASSERT_EQ(transport_.attached.size(), 1U);
  EXPECT_EQ(transport_.attached[0][transport_.attached[0].size() - 3], "2026-11-28T19:00:00Z");
}

// The VM header's disk and memory come with the status round trip.
TEST_F(LinuxDriverTest, StatusCarriesTheHostFigures) {
  transport_.replies.push_back(
      {0, "jail web 1\njrun-figures disk 100 40\njrun-figures mem 2000 x\njrun-figures mem\n", ""});
  auto status = driver_.status({});
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(transport_.scripts.size(), 1U);
  EXPECT_NE(transport_.scripts[0].find("/proc/meminfo"), std::string::npos);
  EXPECT_EQ(transport_.scripts[0].find("mktemp"), std::string::npos) << "no services asked";
  EXPECT_TRUE(status->probe.jails["web"].running);
  EXPECT_EQ(status->disk_total, 102400U);
  EXPECT_EQ(status->disk_free, 40960U);
  EXPECT_EQ(status->memory_total, 2048000U);
  EXPECT_EQ(status->memory_available, 0U) << "not a number: unknown";
}

}  // namespace
}  // namespace jrun::host::linux_driver
