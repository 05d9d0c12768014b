// `jrun logs --since`: durations back from a fixed now, times with offsets, and the errors.

#include <gtest/gtest.h>

#include "jrun/cli/log_since.h"

namespace jrun::cli {
namespace {

// 2026-11-28T19:30:00Z
const std::chrono::system_clock::time_point kNow =
    std::chrono::sys_days(std::chrono::year(2026) / 11 / 28) + std::chrono::hours(19) +
    std::chrono::minutes(30);

std::string since(const std::string& text) {
  auto out = parse_since(text, kNow);
  return out.has_value() ? *out : "error: " + out.error().message;
}

TEST(LogSince, DurationsBackFromNow) {
  EXPECT_EQ(utc_stamp(std::chrono::floor<std::chrono::seconds>(kNow)), "2026-11-28T19:30:00Z");
  EXPECT_EQ(since("10m"), "2026-11-28T19:20:00Z");
  EXPECT_EQ(since("45s"), "2026-11-28T19:29:15Z");
  EXPECT_EQ(since("1h30m"), "2026-11-28T18:00:00Z");
  EXPECT_EQ(since("2d"), "2026-11-26T19:30:00Z");
  EXPECT_EQ(since("0s"), "2026-11-28T19:30:00Z");
}

TEST(LogSince, PointsInTime) {
  EXPECT_EQ(since("2026-11-28T19:00:00Z"), "2026-11-28T19:00:00Z");
  EXPECT_EQ(since("2026-11-28T20:00:00+01:00"), "2026-11-28T19:00:00Z");
  EXPECT_EQ(since("2026-11-28T00:30:00-0100"), "2026-11-28T01:30:00Z");
  EXPECT_EQ(since("2026-11-28 19:05"), "2026-11-28T19:05:00Z");
  EXPECT_EQ(since("2026-11-28"), "2026-11-28T00:00:00Z");
  EXPECT_EQ(since("2999-01-01"), "2999-01-01T00:00:00Z");  // past system_clock's 2262
  EXPECT_EQ(since("2024-03-01T00:00:00+01:00"), "2024-02-29T23:00:00Z");
}

TEST(LogSince, RejectsWithTheAcceptedForms) {
  for (const char* bad : {"", "10", "m", "10x", "-5m", "yesterday", "2026-13-01", "2026-02-30",
                          "2026-11-28T25:00:00Z", "2026-11-28T19:00:00+1", "2026-11-28T19",
                          "1960-01-01", "10m; rm -rf /"}) {
    const auto out = parse_since(bad, kNow);
    ASSERT_FALSE(out.has_value()) << bad << " -> " << *out;
    EXPECT_EQ(out.error().code, ErrorCode::kUsage);
    EXPECT_NE(out.error().message.find("--since"), std::string::npos) << out.error().message;
  }
}

}  // namespace
}  // namespace jrun::cli
