#include <gtest/gtest.h>

#include "parse_helpers.h"

namespace jrun::ucl {
namespace {

using testing::parse;

TEST(Parser, Separators) {
  EXPECT_EQ(parse("a = 1; b : 2, c 3\nd = x").json(), R"({"a":1,"b":2,"c":3,"d":"x"})");
}

TEST(Parser, Scalars) {
  EXPECT_EQ(parse("a = true; b = off; c = null; d = 1.5; e = -7; f = 0x1F; g = Yes").json(),
            R"({"a":true,"b":false,"c":null,"d":1.5,"e":-7,"f":31,"g":true})");
}

TEST(Parser, NamedSections) {
  EXPECT_EQ(parse("jail \"web\" { ip = 10.0.0.2 }").json(),
            R"({"jail":{"web":{"ip":"10.0.0.2"}}})");
  EXPECT_EQ(parse("a b c { }").json(), R"({"a":{"b":{"c":{}}}})");
  EXPECT_EQ(parse("a b [1, 2]").json(), R"({"a":{"b":[1,2]}})");
}

TEST(Parser, ImplicitArrays) {
  EXPECT_EQ(parse("a = 1; a = 2; a = 3").json(), R"({"a":[1,2,3]})");
  EXPECT_EQ(parse("a {x=1} a {y=2}").json(), R"({"a":[{"x":1},{"y":2}]})");
  EXPECT_EQ(parse("a = [1]; a = [2]").json(), R"({"a":[[1],[2]]})");
  auto p = parse("jail \"a\" {} jail \"b\" {}");
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_TRUE(p.root().find("jail")->implicit_array());
}

TEST(Parser, MergeStrategy) {
  ParseOptions o;
  o.duplicate = DuplicateStrategy::kMerge;
  EXPECT_EQ(parse("a {x=1} a {y=2}", nullptr, o).json(), R"({"a":{"x":1,"y":2}})");
  EXPECT_EQ(parse("a = [1]; a = [2]", nullptr, o).json(), R"({"a":[1,2]})");
  EXPECT_EQ(parse("jail \"a\" {} jail \"b\" {}", nullptr, o).json(), R"({"jail":{"a":{},"b":{}}})");
  EXPECT_EQ(parse("a = 1; a = 2", nullptr, o).json(), R"({"a":[1,2]})");
}

TEST(Parser, Suffixes) {
  EXPECT_EQ(parse("a = 10k; b = 10kb; c = 1m; d = 2mb; e = 1g; f = 1gb").json(),
            R"({"a":10000,"b":10240,"c":1000000,"d":2097152,"e":1000000000,"f":1073741824})");
  EXPECT_EQ(parse("a = 10ms; b = 30s; c = 2min; d = 1h; e = 1d; f = 1w; g = 1y").json(),
            R"({"a":0.01,"b":30.0,"c":120.0,"d":3600.0,"e":86400.0,"f":604800.0,"g":31536000.0})");
  auto p = parse("a = 30s; b = 1.5k; c = 10mins");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.root().find("a")->type(), Type::kTime);
  EXPECT_EQ(p.root().find("b")->type(), Type::kFloat);
  EXPECT_EQ(p.root().find("c")->type(), Type::kString);
}

TEST(Parser, Strings) {
  EXPECT_EQ(parse(R"(a = "x\ty\u00e9\ud83d\ude00"; b = 'it\'s \n'; c = hello world ;)").json(),
            "{\"a\":\"x\\ty\xc3\xa9\xf0\x9f\x98\x80\",\"b\":\"it's \\\\n\",\"c\":\"hello world\"}");
}

TEST(Parser, Heredoc) {
  EXPECT_EQ(parse("a = <<EOD\nline1\n  line2\nEOD\nb = 1").json(),
            R"({"a":"line1\n  line2","b":1})");
}

TEST(Parser, Comments) {
  EXPECT_EQ(parse("# c\na = 1 // x\n/* a /* nested */ b */ b = http://x.org/y # t\n").json(),
            R"({"a":1,"b":"http://x.org/y"})");
}

TEST(Parser, Errors) {
  EXPECT_EQ(parse("a {\n  b = 1\n").error(), "3:1: expected `}` to close the object opened at 1:3");
  EXPECT_EQ(parse("a = \"x").error(), "1:5: unterminated string");
  EXPECT_EQ(parse("a = 1 ]").error(), "1:7: unexpected `]`");
}

}  // namespace
}  // namespace jrun::ucl

namespace jrun::ucl {
namespace {

using testing::parse;

TEST(Locations, ValuesAndKeysCarryLineAndColumn) {
  auto p = parse("# head\na = 1\nsec \"n\" {\n\tx = \"s\"\n  l = [ 1,\n    two ]\n}\n");
  ASSERT_TRUE(p.ok()) << p.error();
  const Value& root = p.root();
  EXPECT_EQ(root.find("a")->loc(), (Location{1, 2, 5}));
  EXPECT_EQ(root.find_member("a")->key_loc, (Location{1, 2, 1}));
  const Value* sec = root.find("sec");
  EXPECT_EQ(sec->find_member("n")->key_loc, (Location{1, 3, 5}));
  const Value* n = sec->find("n");
  EXPECT_EQ(n->loc(), (Location{1, 3, 9}));
  EXPECT_EQ(n->find("x")->loc(), (Location{1, 4, 6}));
  EXPECT_EQ(n->find("l")->items()[1].loc(), (Location{1, 6, 5}));
}

TEST(Locations, ImplicitArrayItemsKeepTheirOwnPositions) {
  auto p = parse("a = 1\na = 2\n");
  const Value* a = p.root().find("a");
  ASSERT_TRUE(a->implicit_array());
  EXPECT_EQ(a->items()[0].loc().line, 1u);
  EXPECT_EQ(a->items()[1].loc().line, 2u);
  EXPECT_EQ(a->all_values().size(), 2u);
  EXPECT_EQ(p.root().all_values().size(), 1u);
}

TEST(Parser, TopLevelArrayAndObject) {
  EXPECT_EQ(parse("[1, \"two\", {a = 3}]").json(), R"([1,"two",{"a":3}])");
  EXPECT_EQ(parse("{\"a\": {\"b\": [1.5e2]}}").json(), R"({"a":{"b":[150.0]}})");
  EXPECT_EQ(parse("").json(), "{}");
}

TEST(Parser, KeyValueWithoutSeparator) {
  EXPECT_EQ(parse("key \"value\";\nkey2 value two\nkey3\n{ x = 1 }").json(),
            R"({"key":"value","key2":"value two","key3":{"x":1}})");
}

TEST(Parser, DottedKeysAreLiteral) { EXPECT_EQ(parse("a.b.c = 1").json(), R"({"a.b.c":1})"); }

TEST(Parser, RewriteStrategyKeepsLast) {
  ParseOptions o;
  o.duplicate = DuplicateStrategy::kRewrite;
  EXPECT_EQ(parse("a = 1; a = 2", nullptr, o).json(), R"({"a":2})");
}

TEST(Parser, ManyKeysStayFastAndFindable) {
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "k" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  text += "k5 = again\n";
  auto p = parse(text);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.root().size(), 20000u);
  EXPECT_EQ(p.root().find("k19999")->as_int(), 19999);
  EXPECT_TRUE(p.root().find("k5")->implicit_array());
}

}  // namespace
}  // namespace jrun::ucl
