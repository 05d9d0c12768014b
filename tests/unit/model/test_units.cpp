// units.h: the pure parsers of durations and sizes (IPv4 is tested in base).

#include <gtest/gtest.h>

#include "jrun/model/units.h"

namespace jrun::model {
namespace {

TEST(ParseDurationTest, AcceptsEveryUnit) {
  EXPECT_EQ(parse_duration("30"), 30.0);
  EXPECT_EQ(parse_duration("30s"), 30.0);
  EXPECT_EQ(parse_duration("500ms"), 0.5);
  EXPECT_EQ(parse_duration("10min"), 600.0);
  EXPECT_EQ(parse_duration("2m"), 120.0);
  EXPECT_EQ(parse_duration("1.5h"), 5400.0);
  EXPECT_EQ(parse_duration("1d"), 86400.0);
  EXPECT_EQ(parse_duration("2w"), 1209600.0);
  EXPECT_EQ(parse_duration(" 30 s "), 30.0);
}

TEST(ParseDurationTest, RejectsEverythingElse) {
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("s"));
  EXPECT_FALSE(parse_duration("-5s"));
  EXPECT_FALSE(parse_duration("+5s"));
  EXPECT_FALSE(parse_duration("soon"));
  EXPECT_FALSE(parse_duration("10 minutes"));
  EXPECT_FALSE(parse_duration("5S"));
  EXPECT_FALSE(parse_duration("1e3"));
  EXPECT_FALSE(parse_duration("10s5"));
}

TEST(ParseSizeTest, DecimalAndBinaryUnits) {
  EXPECT_EQ(parse_size("512"), 512u);
  EXPECT_EQ(parse_size("512b"), 512u);
  EXPECT_EQ(parse_size("1k"), 1000u);
  EXPECT_EQ(parse_size("1m"), 1000000u);
  EXPECT_EQ(parse_size("2g"), 2000000000u);
  EXPECT_EQ(parse_size("1K"), 1024u);
  EXPECT_EQ(parse_size("512M"), 512u * 1024 * 1024);
  EXPECT_EQ(parse_size("2G"), 2ull * 1024 * 1024 * 1024);
  EXPECT_EQ(parse_size("512mb"), 512u * 1024 * 1024);
  EXPECT_EQ(parse_size("512MB"), 512u * 1024 * 1024);
  EXPECT_EQ(parse_size("1gb"), 1024u * 1024 * 1024);
  EXPECT_EQ(parse_size("2GiB"), 2ull * 1024 * 1024 * 1024);
  EXPECT_EQ(parse_size("64kib"), 64u * 1024);
  EXPECT_EQ(parse_size("1.5GiB"), 1610612736u);
  EXPECT_EQ(parse_size("1t"), 1000000000000u);
}

TEST(ParseSizeTest, RejectsEverythingElse) {
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size("lots"));
  EXPECT_FALSE(parse_size("-1g"));
  EXPECT_FALSE(parse_size("1x"));
  EXPECT_FALSE(parse_size("1 megabyte"));
  EXPECT_FALSE(parse_size("99999999999t"));
}

TEST(FormatTest, DurationsUseTheLargestExactUnit) {
  EXPECT_EQ(format_duration(30), "30s");
  EXPECT_EQ(format_duration(0.5), "500ms");
  EXPECT_EQ(format_duration(1.5), "1.5s");
  EXPECT_EQ(format_duration(600), "10min");
  EXPECT_EQ(format_duration(90), "90s");
  EXPECT_EQ(format_duration(7200), "2h");
  EXPECT_EQ(format_duration(86400), "1d");
}

TEST(FormatTest, SizesAndNumbers) {
  EXPECT_EQ(format_size(512), "512 bytes");
  EXPECT_EQ(format_size(1), "1 byte");
  EXPECT_EQ(format_size(1024), "1 KiB");
  EXPECT_EQ(format_size(512u * 1024 * 1024), "512 MiB");
  EXPECT_EQ(format_size(1610612736u), "1.5 GiB");
  EXPECT_EQ(format_number(1.5), "1.5");
  EXPECT_EQ(format_number(30), "30");
}

}  // namespace
}  // namespace jrun::model
