// Inputs a fuzzer would try: the parser must answer with a diagnostic, never crash or hang.
#include <gtest/gtest.h>

#include <random>

#include "parse_helpers.h"

namespace jrun::ucl {
namespace {

using testing::parse;

TEST(Hostile, DeepNestingIsAnErrorNotAStackOverflow) {
  std::string deep(100000, '[');
  auto p = parse("a = " + deep);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.result.diagnostics.front().message, "nesting too deep (more than 128 levels)");
  std::string objects;
  for (int i = 0; i < 50000; ++i) objects += "a { ";
  EXPECT_FALSE(parse(objects).ok());
  std::string keys;
  for (int i = 0; i < 50000; ++i) keys += "k ";
  EXPECT_FALSE(parse(keys + "{ }").ok());
}

TEST(Hostile, NestingJustUnderTheLimitParses) {
  std::string text = "a = " + std::string(120, '[') + std::string(120, ']');
  EXPECT_TRUE(parse(text).ok()) << parse(text).error();
}

TEST(Hostile, UnterminatedEverything) {
  for (const char* text : {"a = \"", "a = '", "a = [", "a {", "/*", "a = <<EOD\n", "a = \"\\",
                           "a = \"\\u12", ".include(", "\"k", "a = [{", "a b c {"}) {
    auto p = parse(text);
    EXPECT_FALSE(p.ok()) << text;
    ASSERT_FALSE(p.result.diagnostics.empty()) << text;
    EXPECT_TRUE(p.result.diagnostics.front().loc.known()) << text;
  }
}

TEST(Hostile, NulBytes) {
  std::string text("a = 1\nb = x\0y\n", 14);
  auto p = parse(text);
  EXPECT_EQ(p.error(), "2:6: missing separator before byte 0x00");
  std::string quoted("a = \"x\0y\"", 9);
  EXPECT_EQ(parse(quoted).error(), "1:7: control character byte 0x00 in a string");
  EXPECT_FALSE(parse(std::string("\0", 1)).ok());
}

TEST(Hostile, InvalidUnicodeEscapesBecomeReplacementCharacters) {
  EXPECT_EQ(parse("a = \"\\udfff\\ud800x\"").json(), "{\"a\":\"\xef\xbf\xbd\xef\xbf\xbdx\"}");
  EXPECT_EQ(parse("a = \"\\u0000\"").root().find("a")->as_string(), std::string(1, '\0'));
}

TEST(Hostile, InvalidUtf8PassesThroughUnchanged) {
  EXPECT_EQ(parse("a = \"\xff\xfe\"").root().find("a")->as_string(), "\xff\xfe");
}

TEST(Hostile, HugeNumbersAndLongLines) {
  EXPECT_FALSE(parse("a = 1" + std::string(400, '0')).ok());
  EXPECT_TRUE(parse("a = 1." + std::string(400, '0')).ok());
  EXPECT_EQ(parse("a = " + std::string(100000, 'x')).root().find("a")->as_string().size(), 100000u);
}

TEST(Hostile, RandomMutationsNeverCrash) {
  const std::string seed =
      "jail \"web\" {\n  ip = 10.0.0.2; ports [80, 443]\n  exec { app { cmd = \"x $A\"; "
      "t = 30s } }\n  /* c */ s = 'q' # x\n  h = <<EOD\nline\nEOD\n}\n.include \"x\"\n";
  const std::string alphabet = "{}[]\"'\\$#/*<>=:;,. \n\tEODx0-9ku\0";
  std::mt19937 rng(42);
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = rng() % (text.size() + 1);
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          text.insert(at, 1, c);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        default:
          if (at < text.size()) text[at] = c;
          break;
      }
    }
    auto p = parse(text);
    if (!p.ok()) {
      ASSERT_FALSE(p.result.diagnostics.empty()) << text;
    } else {
      (void)to_json(p.root());
      (void)to_ucl(p.root());
    }
  }
}

}  // namespace
}  // namespace jrun::ucl
