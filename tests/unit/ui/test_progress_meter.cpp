// The progress meter: when lines are drawn (live: ten a second; plain: start and quarters),
// the rate and ETA, and the rendered lines at fixed widths.

#include <gtest/gtest.h>

#include "jrun/ui/progress_meter.h"

namespace jrun::ui {
namespace {

constexpr std::uint64_t kMiB = 1 << 20;
Style plain(std::size_t width) { return Style{false, true, width}; }

TEST(RenderTransfer, RunningWithRateAndEta) {
  TransferView v{"downloading img.raw.xz", 4 * kMiB, 10 * kMiB, 2.0 * kMiB, 2, false};
  const std::string line = render_transfer(v, plain(100));
  EXPECT_NE(line.find(" 40%"), std::string::npos) << line;
  EXPECT_NE(line.find("4.0 MiB / 10.0 MiB"), std::string::npos) << line;
  EXPECT_NE(line.find("2.0 MiB/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 3s"), std::string::npos) << line;
  EXPECT_NE(line.find("█"), std::string::npos) << line;
  EXPECT_EQ(display_width(line), 100u) << line;
}

TEST(RenderTransfer, NarrowUnknownTotalFinishedAndCountless) {
  TransferView v{"downloading img.raw.xz", 4 * kMiB, 10 * kMiB, 2.0 * kMiB, 2, false};
  EXPECT_LE(display_width(render_transfer(v, plain(40))), 40u);
  v.total = 0;
  EXPECT_EQ(render_transfer(v, plain(100)), "  downloading img.raw.xz  4.0 MiB  2.0 MiB/s");
  v.finished = true;
  v.elapsed = 2;
  EXPECT_EQ(render_transfer(v, plain(100)), "  downloading img.raw.xz  4.0 MiB in 2s (2.0 MiB/s)");
  TransferView fetch{"fetching checksum img.raw.xz", 0, 0, 0, 0, false};
  EXPECT_EQ(render_transfer(fetch, plain(100)), "  fetching checksum img.raw.xz…");
  fetch.finished = true;
  EXPECT_EQ(render_transfer(fetch, plain(100)), "  fetching checksum img.raw.xz  done");
}

TEST(ProgressMeter, LiveDrawsAtMostTenTimesASecondButAlwaysTheEnd) {
  ProgressMeter m("downloading x", true);
  EXPECT_TRUE(m.sample(0, 100 * kMiB, 10.0, plain(80)));
  EXPECT_FALSE(m.sample(kMiB, 100 * kMiB, 10.05, plain(80)));
  EXPECT_TRUE(m.sample(2 * kMiB, 100 * kMiB, 10.2, plain(80)));
  EXPECT_TRUE(m.sample(100 * kMiB, 100 * kMiB, 10.22, plain(80)));
}

TEST(ProgressMeter, PlainDrawsTheStartAndEachQuarterOnce) {
  ProgressMeter m("downloading x", false);
  int lines = 0;
  for (std::uint64_t done = 0; done <= 100; ++done) {
    lines += m.sample(done * kMiB, 100 * kMiB, static_cast<double>(done), plain(80)) ? 1 : 0;
  }
  EXPECT_EQ(lines, 5);  // 0%, 25%, 50%, 75%, 100%
}

TEST(ProgressMeter, RateOverRecentSamplesAndFinish) {
  ProgressMeter m("downloading x", true);
  m.sample(0, 100 * kMiB, 0, plain(120));
  m.sample(10 * kMiB, 100 * kMiB, 1, plain(120));
  auto line = m.sample(20 * kMiB, 100 * kMiB, 2, plain(120));
  ASSERT_TRUE(line);
  EXPECT_NE(line->find("10.0 MiB/s"), std::string::npos) << *line;
  EXPECT_NE(line->find("ETA 8s"), std::string::npos) << *line;
  EXPECT_EQ(m.finish(4, plain(120)), "  downloading x  20.0 MiB in 4s (5.0 MiB/s)");
}

}  // namespace
}  // namespace jrun::ui
