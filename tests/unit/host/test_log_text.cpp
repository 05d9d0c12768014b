// Service log stamps: the awk stamper the wrappers use (run with the system's awk), the logs
// script that filters, strips and prefixes (run with real tail and awk over fixture logs).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "awk_families.h"
#include "jrun/base/strings.h"
#include "jrun/host/log_text.h"
#include "test_network_support.h"

namespace jrun::host {
namespace {

using linux_driver::testing::expect_clean_script;
using linux_driver::testing::run_shell;
using linux_driver::testing::TempDir;
using linux_driver::testing::write_file;
using testing::awk_bin;
using testing::kAwkFamilies;
using testing::under_awk;

std::string awk(const std::string& program, const std::string& input) {
  return run_shell("printf %s " + shell_quote(input) + " | awk " + shell_quote(program)).text;
}

TEST(LogStamp, FormatsEpochSecondsAsUtc) {
  // iso() of the stamper on known instants: epoch, leap days, a century, now-ish.
  const std::string program = std::string(log_stamp_awk()) +
                              "BEGIN { print iso(0); print iso(951782400); print "
                              "iso(1709210096); print iso(4102444800); exit }\n";
  EXPECT_EQ(awk(program, ""),
            "1970-01-01T00:00:00Z\n2000-02-29T00:00:00Z\n2024-02-29T12:34:56Z\n"
            "2100-01-01T00:00:00Z\n");
}

TEST(LogStamp, StampsEveryLineWithTheCurrentTime) {
  const std::string before = run_shell("date -u +%Y-%m-%dT%H:%M:%SZ").text.substr(0, 20);
  const std::string out = awk(std::string(log_stamp_awk()), "first\n\nthird $(x) 'q'\n");
  const std::string after = run_shell("date -u +%Y-%m-%dT%H:%M:%SZ").text.substr(0, 20);
  const std::vector<std::string> lines = split(out, '\n');
  ASSERT_EQ(lines.size(), 4U) << out;  // three lines and the empty rest
  const std::vector<std::string> texts = {"first", "", "third $(x) 'q'"};
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_GT(lines[i].size(), kLogStampSize) << lines[i];
    const std::string stamp = lines[i].substr(0, kLogStampSize);
    EXPECT_TRUE(valid_log_stamp(stamp)) << lines[i];
    EXPECT_LE(before, stamp);
    EXPECT_LE(stamp, after);
    EXPECT_EQ(lines[i].substr(kLogStampSize + 1), texts[i]);
  }
}

TEST(LogStamp, ValidStamps) {
  EXPECT_TRUE(valid_log_stamp("2026-11-28T19:00:00Z"));
  for (const char* bad : {"", "2026-11-28T19:00:00", "2026-11-28 19:00:00Z", "2026-11-28T19:00:0xZ",
                          "2026-11-28T19:00:00Z ", "'; rm -rf / #'"}) {
    EXPECT_FALSE(valid_log_stamp(bad)) << bad;
  }
}

TEST(LogStamp, WrapperLinesAreCleanShell) {
  // Wrappers carry their user values as literals (SC2016 off for the file).
  expect_clean_script("stamper (mawk aware)", "#!/bin/sh\n# shellcheck disable=SC2016\n" +
                                                  log_stamp_sh("/run/jrun/a'b $(x).out", true) +
                                                  "echo hi\n");
  expect_clean_script("stamper", "#!/bin/sh\n" + log_stamp_sh("/var/run/jrun/web.out", false));
}

// Two logs as the wrappers write them: an old unstamped line first (logs from before stamps),
// then stamped lines at 19:00, 19:10 and 19:20.
class LogsScript : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.path() + "/web.log",
               "old web line\n2026-11-28T19:00:00Z web at 19:00\n"
               "2026-11-28T19:10:00Z web at 19:10\n",
               0600);
    write_file(dir_.path() + "/db.log",
               "2026-11-28T19:00:00Z db at 19:00\n2026-11-28T19:20:00Z \n"
               "2026-11-28T19:20:00Z db at 19:20 $(x) 'q'\n",
               0600);
  }

  std::string logs(const std::string& service, int lines, const std::string& since = "",
                   bool timestamps = false, bool color = false) {
    return run_shell(command(service, lines, since, timestamps, color)).text;
  }

  std::string command(const std::string& service, int lines, const std::string& since = "",
                      bool timestamps = false, bool color = false, bool follow = false) {
    LogsQuery query;
    query.service = service;
    query.lines = lines;
    query.since = since;
    query.timestamps = timestamps;
    query.color = color;
    query.follow = follow;
    const std::vector<std::string> argv = logs_sh_argv(dir_.path(), query);
    std::string command;
    for (const std::string& word : argv) command += shell_quote(word) + " ";
    return command;
  }

  TempDir dir_;
};

TEST_F(LogsScript, IsCleanShell) {
  const std::vector<std::string> argv = logs_sh_argv("/var/log/jrun", LogsQuery{});
  ASSERT_EQ(argv.size(), 11U);
  expect_clean_script("logs", "#!/bin/sh\n" + argv[2]);
}

TEST_F(LogsScript, OneServiceWithoutStampsOrPrefix) {
  EXPECT_EQ(logs("web", 10), "old web line\nweb at 19:00\nweb at 19:10\n");
  EXPECT_EQ(logs("web", 1), "web at 19:10\n");
  EXPECT_EQ(logs("web", 10, "", true),
            "old web line\n2026-11-28T19:00:00Z web at 19:00\n2026-11-28T19:10:00Z web at 19:10\n");
}

TEST_F(LogsScript, SinceDropsOlderAndUnstampedLines) {
  EXPECT_EQ(logs("web", -1, "2026-11-28T19:05:00Z"), "web at 19:10\n");
  EXPECT_EQ(logs("web", -1, "2026-11-28T19:00:00Z"), "web at 19:00\nweb at 19:10\n");
  EXPECT_EQ(logs("web", -1, "2026-11-28T20:00:00Z"), "");
}

TEST_F(LogsScript, SeveralServicesArePrefixedAndFiltered) {
  EXPECT_EQ(logs("", -1, "2026-11-28T19:05:00Z"),
            "db  | \ndb  | db at 19:20 $(x) 'q'\nweb | web at 19:10\n");
  EXPECT_EQ(logs("", 1, "", false, true),
            "\033[36mdb  |\033[0m db at 19:20 $(x) 'q'\n\033[33mweb |\033[0m web at 19:10\n");
}

// All services while only one has a log yet: still prefixed, as the output will be once the
// others write.
TEST_F(LogsScript, AllServicesArePrefixedEvenWithOneLog) {
  std::filesystem::remove(dir_.path() + "/db.log");
  EXPECT_EQ(logs("", 1), "web | web at 19:10\n");
}

// FreeBSD's awk (one-true-awk, Debian's original-awk) ignores `-W` and would take `version` as
// its program: a mawk probe inside the `tail | awk` pipe must not read the pipe (issue 13).
TEST_F(LogsScript, EveryAwkFamilyPrintsAndFollows) {
  TempDir bins;
  for (const char* family : kAwkFamilies) {
    const std::string bin = awk_bin(bins.path(), family);
    if (bin.empty()) {
      ADD_FAILURE() << family << " is missing: scripts/install-deps.sh installs it";
      continue;
    }
    EXPECT_EQ(run_shell(under_awk(bin, command("", 1), 20)).text,
              "db  | db at 19:20 $(x) 'q'\nweb | web at 19:10\n")
        << family;
    EXPECT_EQ(run_shell(under_awk(bin, command("web", 10, "2026-11-28T19:05:00Z"), 20)).text,
              "web at 19:10\n")
        << family;
    // follow: lines arrive while tail still runs (the timeout ends it)
    const auto followed = run_shell(under_awk(bin, command("web", 1, "", false, false, true), 2));
    EXPECT_EQ(followed.text, "web at 19:10\n") << family;
  }
}

// The stamper under each awk, started as the wrappers start it (mawk probe included): every
// line reaches the log, stamped, even when stdin is a pipe.
TEST(LogStamp, EveryAwkFamilyStampsTheWrappersOutput) {
  TempDir dir;
  for (const char* family : kAwkFamilies) {
    const std::string bin = awk_bin(dir.path(), family);
    if (bin.empty()) {
      ADD_FAILURE() << family << " is missing: scripts/install-deps.sh installs it";
      continue;
    }
    const std::string log = dir.path() + "/" + family + ".log";
    const std::string script = log_stamp_sh(dir.path() + "/" + family + ".fifo", true) +
                               "echo first\necho 'second $(x)'\n";
    run_shell(under_awk(bin, "( " + script + ") >" + shell_quote(log) + "; wait", 20));
    std::string text;
    for (int i = 0; i < 50 && split(text, '\n').size() < 3; ++i) {
      text = run_shell("sleep 0.1; cat " + shell_quote(log)).text;
    }
    const std::vector<std::string> lines = split(text, '\n');
    ASSERT_EQ(lines.size(), 3U) << family << ": " << text;
    EXPECT_TRUE(valid_log_stamp(lines[0].substr(0, kLogStampSize))) << family << ": " << text;
    EXPECT_EQ(lines[0].substr(kLogStampSize), " first") << family;
    EXPECT_EQ(lines[1].substr(kLogStampSize), " second $(x)") << family;
  }
}

TEST(LogStamp, EveryAwkFamilyFormatsTheSameStamps) {
  TempDir dir;
  const std::string program = std::string(log_stamp_awk()) +
                              "BEGIN { print iso(0); print iso(951782400); print "
                              "iso(1709210096); print iso(4102444800); exit }\n";
  for (const char* family : kAwkFamilies) {
    const std::string bin = awk_bin(dir.path(), family);
    if (bin.empty()) continue;  // reported by the tests above
    EXPECT_EQ(run_shell(under_awk(bin, "awk " + shell_quote(program), 10)).text,
              "1970-01-01T00:00:00Z\n2000-02-29T00:00:00Z\n2024-02-29T12:34:56Z\n"
              "2100-01-01T00:00:00Z\n")
        << family;
  }
}

}  // namespace
}  // namespace jrun::host
