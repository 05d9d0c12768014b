// Syntax errors: exact positions, messages and hints.
#include <gtest/gtest.h>

#include "parse_helpers.h"

namespace jrun::ucl {
namespace {

using testing::parse;

TEST(Errors, UnclosedObjectNamesWhereItOpened) {
  auto p = parse("a {\n  b = 1\n");
  EXPECT_FALSE(p.result.root.has_value());
  EXPECT_EQ(p.error(), "3:1: expected `}` to close the object opened at 1:3");
}

TEST(Errors, UnclosedArrayNamesWhereItOpened) {
  EXPECT_EQ(parse("x = 1\nlist = [1,\n 2").error(),
            "3:3: expected `]` to close the array opened at 2:8");
}

TEST(Errors, UnterminatedStringPointsAtTheQuote) {
  EXPECT_EQ(parse("a = 1\nb = \"abc\nc = 2").error(), "2:5: unterminated string");
  EXPECT_EQ(parse("a = 'abc").error(), "1:5: unterminated string");
  EXPECT_EQ(parse("\"key").error(), "1:1: unterminated string");
}

TEST(Errors, UnterminatedCommentAndHeredoc) {
  EXPECT_EQ(parse("a = 1\n  /* open /* nested */").error(), "2:3: unterminated comment");
  EXPECT_EQ(parse("a = <<EOD\ntext\nEO\n").error(),
            "1:5: unterminated heredoc: no line `EOD` found");
}

TEST(Errors, UnexpectedClosers) {
  EXPECT_EQ(parse("a = 1 ]").error(), "1:7: unexpected `]`");
  EXPECT_EQ(parse("}").error(), "1:1: unexpected `}`");
  EXPECT_EQ(parse("a { b = 1 ]").error(), "1:11: unexpected `]`");
  EXPECT_EQ(parse("a = [1 }").error(), "1:8: unexpected `}`");
}

TEST(Errors, MissingValues) {
  EXPECT_EQ(parse("a =").error(), "1:4: missing value for key `a`");
  EXPECT_EQ(parse("a = ;").error(), "1:5: missing value for key `a`");
  EXPECT_EQ(parse("a = [,]").error(), "1:6: expected a value, found `,`");
}

TEST(Errors, MissingSeparator) {
  auto p = parse("a = \"x\" b = 2");
  EXPECT_EQ(p.error(), "1:9: missing separator before `b`");
  EXPECT_EQ(p.result.diagnostics.front().hint, "separate entries with `;`, `,` or a line break");
}

TEST(Errors, BadKeys) {
  EXPECT_EQ(parse("= 1").error(), "1:1: expected a key, found `=`");
  EXPECT_EQ(parse("\"\" = 1").error(), "1:1: empty keys are not allowed");
  EXPECT_EQ(parse("a = 1\n  @x = 2").error(), "2:3: expected a key, found `@`");
}

TEST(Errors, BadEscapes) {
  EXPECT_EQ(parse("a = \"\\u12G4\"").error(), "1:6: invalid `\\u` escape: expected 4 hex digits");
  EXPECT_EQ(parse("a = \"tab\there\"").error(), "1:9: control character byte 0x09 in a string");
}

TEST(Errors, NumbersOutOfRange) {
  EXPECT_EQ(parse("a = 99999999999999999999").error(), "1:5: numeric value out of range");
  EXPECT_EQ(parse("a = 9000000000gb").error(), "1:5: numeric value out of range");
  EXPECT_EQ(parse("a = 9223372036854775807").json(), R"({"a":9223372036854775807})");
}

TEST(Errors, DuplicateStrategyError) {
  ParseOptions o;
  o.duplicate = DuplicateStrategy::kError;
  auto p = parse("a = 1\na = 2", nullptr, o);
  EXPECT_EQ(p.error(), "2:1: duplicate key `a`");
  EXPECT_EQ(p.result.diagnostics.front().hint, "first defined at /cfg/test.ucl:1:1");
}

TEST(Errors, UnknownMacro) {
  EXPECT_EQ(parse("a = 1\n.frobnicate \"x\"").error(), "2:1: unknown macro `.frobnicate`");
}

TEST(Errors, TrailingGarbageAfterTopLevelBraces) {
  EXPECT_EQ(parse("{ a = 1 }\nb").error(), "2:1: unexpected `b` after the end of the document");
}

TEST(Errors, DiagnosticCarriesFileId) {
  auto p = parse("a = [");
  ASSERT_EQ(p.result.diagnostics.size(), 1u);
  EXPECT_EQ(p.result.diagnostics[0].loc.file, 1u);
  EXPECT_EQ(p.sources.path(p.result.diagnostics[0].loc), "/cfg/test.ucl");
}

}  // namespace
}  // namespace jrun::ucl
