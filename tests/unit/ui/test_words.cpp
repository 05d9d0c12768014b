// The shell's word splitting and menu choices.

#include <gtest/gtest.h>

#include "jrun/ui/words.h"

namespace jrun::ui {
namespace {

using V = std::vector<std::string>;

TEST(Words, SplitLikeAPosixShell) {
  EXPECT_EQ(*split_words("  status  web --show all "), (V{"status", "web", "--show", "all"}));
  EXPECT_EQ(*split_words("cmd web sh -c 'echo $((6*7)); x'"),
            (V{"cmd", "web", "sh", "-c", "echo $((6*7)); x"}));
  EXPECT_EQ(*split_words(R"(a "b \"c\" $d" e\ f '')"), (V{"a", "b \"c\" $d", "e f", ""}));
  EXPECT_EQ(*split_words(""), V{});
  auto bad = split_words("up 'stack.ucl");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "invalid quoting");
}

TEST(Words, ChoicesAreNumbersInRange) {
  EXPECT_EQ(parse_choices("2", 3), (std::vector<std::size_t>{2}));
  EXPECT_EQ(parse_choices("1 3,2", 3), (std::vector<std::size_t>{1, 3, 2}));
  EXPECT_TRUE(parse_choices("4", 3).empty());
  EXPECT_TRUE(parse_choices("0", 3).empty());
  EXPECT_TRUE(parse_choices("one", 3).empty());
  EXPECT_TRUE(parse_choices("99999999999999", 3).empty());
}

TEST(Words, MenuNumbersItsOptions) {
  EXPECT_EQ(render_menu("Pick:", {"a", "b"}, Style{false, true, 80}), "Pick:\n  1) a\n  2) b\n");
}

}  // namespace
}  // namespace jrun::ui
