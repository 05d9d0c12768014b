#include <gtest/gtest.h>

#include "jrun/provision/progress.h"

namespace jrun::provision {
namespace {

TEST(AnsibleProgress, TracksTasksAcrossChunks) {
  std::vector<std::string> seen;
  AnsibleProgress p([&](const std::string& t) { seen.push_back(t); });
  p.feed("PLAY [localhost] ****\n\nTASK [Gathering Facts] ***\nok: [localhost]\n\nTASK [cre");
  p.feed("ate user [app]] ****\nchanged: [localhost]\nRUNNING HANDLER [restart] ***\n");
  p.finish();
  EXPECT_EQ(seen, (std::vector<std::string>{"Gathering Facts", "create user [app]", "restart"}));
  EXPECT_EQ(p.current_task(), "restart");
  EXPECT_TRUE(p.failures().empty());
}

TEST(AnsibleProgress, ReportsFailedTaskHostAndMessage) {
  AnsibleProgress p;
  p.feed("TASK [install thing] ***\n");
  p.feed(
      "fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"No package matching "
      "'x'\"}\n");
  p.finish();
  ASSERT_EQ(p.failures().size(), 1U);
  EXPECT_EQ(p.failures()[0].task, "install thing");
  EXPECT_EQ(p.failures()[0].host, "localhost");
  EXPECT_EQ(p.failures()[0].error, "No package matching 'x'");
}

TEST(AnsibleProgress, CommandStderrAndUnreachable) {
  AnsibleProgress p;
  p.feed(
      "TASK [run] ***\nfatal: [10.17.89.10]: FAILED! => {\"msg\": \"non-zero return code\", "
      "\"stderr\": \"sh: boom: not found\", \"rc\": 127}\n");
  p.feed("TASK [ssh] ***\nfatal: [web]: UNREACHABLE! => {\"msg\": \"Connection refused\"}");
  p.finish();
  ASSERT_EQ(p.failures().size(), 2U);
  EXPECT_EQ(p.failures()[0].error, "non-zero return code — sh: boom: not found");
  EXPECT_EQ(p.failures()[1].host, "web");
  EXPECT_EQ(p.failures()[1].error, "Connection refused");
}

TEST(AnsibleProgress, PlaybookErrorBlock) {
  AnsibleProgress p;
  p.feed(
      "ERROR! We were unable to read either as JSON nor YAML\n\nThe error appears to be in "
      "'/x/playbook.yml': line 3\n\n");
  ASSERT_EQ(p.failures().size(), 1U);
  EXPECT_EQ(p.failures()[0].task, "");
  EXPECT_NE(p.failures()[0].error.find("line 3"), std::string::npos);
}

TEST(FailureMessage, NotJsonIsRawText) {
  EXPECT_EQ(failure_message("  something odd "), "something odd");
  EXPECT_EQ(failure_message("{\"changed\": false}"), "{\"changed\":false}");
}

}  // namespace
}  // namespace jrun::provision
