#include <gtest/gtest.h>

#include "jrun/base/strings.h"

namespace jrun {
namespace {

TEST(Strings, SplitKeepsEmptyParts) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
}

TEST(Strings, JoinAndTrim) {
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(trim("  x y \t\n"), "x y");
  EXPECT_EQ(to_lower("ForWard"), "forward");
}

TEST(Strings, EditDistance) {
  EXPECT_EQ(edit_distance("forward", "forward"), 0u);
  EXPECT_EQ(edit_distance("forwards", "forward"), 1u);
  EXPECT_EQ(edit_distance("fowrard", "forward"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Strings, ClosestMatchSuggestsOnlyPlausibleTypos) {
  std::vector<std::string_view> keys = {"forward", "mount", "exec", "setup", "depends"};
  EXPECT_EQ(closest_match("forwards", keys), "forward");
  EXPECT_EQ(closest_match("Mount", keys), "mount");
  EXPECT_EQ(closest_match("depend", keys), "depends");
  EXPECT_EQ(closest_match("banana", keys), "");
}

TEST(ShellQuote, PlainWordsStayBare) {
  EXPECT_EQ(shell_quote("abc-1.2_x/y:z=w@h%+,"), "abc-1.2_x/y:z=w@h%+,");
}

TEST(ShellQuote, EmptyStringIsQuoted) { EXPECT_EQ(shell_quote(""), "''"); }

TEST(ShellQuote, HostileInputIsSingleQuoted) {
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
  EXPECT_EQ(shell_quote("x;y"), "'x;y'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote("a\nb"), "'a\nb'");
  EXPECT_EQ(shell_quote("`id`"), "'`id`'");
  EXPECT_EQ(shell_quote("\"q\""), "'\"q\"'");
}

}  // namespace
}  // namespace jrun
