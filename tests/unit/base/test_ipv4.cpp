#include <gtest/gtest.h>

#include "jrun/base/ipv4.h"

namespace jrun {
namespace {

TEST(Ipv4, ParsesAndFormats) {
  auto a = parse_ipv4("10.17.89.10");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(*a, (10u << 24) | (17u << 16) | (89u << 8) | 10u);
  EXPECT_EQ(format_ipv4(*a), "10.17.89.10");
}

TEST(Ipv4, RejectsMalformed) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d",
                          "1.2.3.4 ", "-1.2.3.4", "1.2.3.4/24"}) {
    EXPECT_FALSE(parse_ipv4(bad).has_value()) << bad;
  }
}

TEST(Subnet, ParsesAndContains) {
  auto s = parse_subnet("10.17.89.0/24");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(format_ipv4(s->gateway()), "10.17.89.1");
  EXPECT_EQ(format_ipv4(s->broadcast()), "10.17.89.255");
  EXPECT_TRUE(s->contains(*parse_ipv4("10.17.89.200")));
  EXPECT_FALSE(s->contains(*parse_ipv4("10.17.90.1")));
  EXPECT_EQ(format_subnet(*s), "10.17.89.0/24");
}

TEST(Subnet, RejectsHostBitsAndSillyPrefixes) {
  EXPECT_FALSE(parse_subnet("10.17.89.1/24").has_value());
  EXPECT_FALSE(parse_subnet("10.0.0.0/31").has_value());
  EXPECT_FALSE(parse_subnet("10.0.0.0/4").has_value());
  EXPECT_FALSE(parse_subnet("10.0.0.0").has_value());
  EXPECT_FALSE(parse_subnet("10.0.0.0/").has_value());
}

}  // namespace
}  // namespace jrun
