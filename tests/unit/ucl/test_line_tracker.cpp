// LineTracker (offset -> line:column) against a byte-by-byte count, on texts whose line breaks
// fall at every position of an 8-byte word and next to bytes that look like them.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "jrun/ucl/lexer.h"

namespace jrun::ucl::detail {
namespace {

Location naive(const std::string& text, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t at = offset < text.size() ? offset : text.size();
  return Location{7, line, static_cast<std::uint32_t>(at - line_start + 1)};
}

std::string random_text(std::mt19937& rng, std::size_t size) {
  // Line breaks, their neighbours in value (\v = 0x0b, \t = 0x09), a byte with the same low
  // bits (0x8a), NUL, high bytes and plain text.
  static const char kBytes[] = {'\n', '\n', '\v', '\t', '\x8a', '\0', '\xff', 'a', ' ', '\r'};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kBytes - 1);
  std::string text(size, 'x');
  for (char& c : text) c = kBytes[pick(rng)];
  return text;
}

TEST(LineTrackerTest, IncreasingOffsetsMatchAByteCount) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 50; ++round) {
    std::string text = random_text(rng, 1 + static_cast<std::size_t>(round) * 37);
    LineTracker lines(text, 7);
    std::uniform_int_distribution<std::size_t> step(0, 40);
    for (std::size_t offset = 0; offset <= text.size() + 3; offset += step(rng)) {
      EXPECT_EQ(lines.at(offset), naive(text, offset)) << "round " << round << " at " << offset;
    }
  }
}

TEST(LineTrackerTest, GoingBackRescans) {
  std::string text = "a\nbb\nccc\n\ndddd";
  LineTracker lines(text, 7);
  EXPECT_EQ(lines.at(12), naive(text, 12));
  EXPECT_EQ(lines.at(3), naive(text, 3));
  EXPECT_EQ(lines.at(3).line, 2u);
  EXPECT_EQ(lines.at(3).column, 2u);
  EXPECT_EQ(lines.at(0), (Location{7, 1, 1}));
  EXPECT_EQ(lines.at(100), naive(text, 100));
}

TEST(LineTrackerTest, BreakAtEveryWordPosition) {
  for (std::size_t at = 0; at < 24; ++at) {
    std::string text(24, 'z');
    text[at] = '\n';
    LineTracker lines(text, 7);
    EXPECT_EQ(lines.at(24), naive(text, 24)) << at;
    LineTracker again(text, 7);
    EXPECT_EQ(again.at(at), naive(text, at)) << at;
    EXPECT_EQ(again.at(at + 1), naive(text, at + 1)) << at;
  }
}

}  // namespace
}  // namespace jrun::ucl::detail
