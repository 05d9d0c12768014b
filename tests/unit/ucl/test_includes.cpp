// .include and friends, variables, through the in-memory file system.
#include <gtest/gtest.h>

#include "parse_helpers.h"

namespace jrun::ucl {
namespace {

using testing::FakeFileSystem;
using testing::parse;

TEST(Includes, RelativeToTheIncludingFile) {
  FakeFileSystem fs;
  fs.add("/cfg/sub/a.conf", "a = 1\n.include \"b.conf\"\n");
  fs.add("/cfg/sub/b.conf", "b = 2\n");
  EXPECT_EQ(parse(".include \"sub/a.conf\"\nc = 3", &fs).json(), R"({"a":1,"b":2,"c":3})");
}

TEST(Includes, IncludedLocationsPointIntoTheIncludedFile) {
  FakeFileSystem fs;
  fs.add("/cfg/x.conf", "\n  x = 1\n");
  auto p = parse(".include \"x.conf\"", &fs);
  ASSERT_TRUE(p.ok()) << p.error();
  Location loc = p.root().find("x")->loc();
  EXPECT_EQ(p.sources.path(loc), "/cfg/x.conf");
  EXPECT_EQ(loc.line, 2u);
  EXPECT_EQ(loc.column, 7u);
  EXPECT_EQ(p.root().find_member("x")->key_loc.column, 3u);
}

TEST(Includes, MissingFileIsAnErrorAtTheInclude) {
  auto p = parse("a = 1\n  .include \"nope.conf\"");
  EXPECT_EQ(p.error(),
            "2:3: cannot include `/cfg/nope.conf`: /cfg/nope.conf: No such file or directory");
  EXPECT_EQ(p.result.diagnostics.front().hint, "use `.include(try=true)` to ignore a missing file");
}

TEST(Includes, TryAndTryInclude) {
  EXPECT_EQ(parse(".include(try=true) \"nope.conf\"\n.try_include \"no\"\na = 1").json(),
            R"({"a":1})");
}

TEST(Includes, SyntaxErrorInIncludedFileIsReportedThere) {
  FakeFileSystem fs;
  fs.add("/cfg/bad.conf", "ok = 1\nbad = [\n");
  auto p = parse("\n.include \"bad.conf\"", &fs);
  ASSERT_GE(p.result.diagnostics.size(), 2u);
  const Diagnostic& first = p.result.diagnostics[0];
  EXPECT_EQ(p.sources.path(first.loc), "/cfg/bad.conf");
  EXPECT_EQ(first.message, "expected `]` to close the array opened at 2:7");
  EXPECT_EQ(p.result.diagnostics[1].message, "included from here");
  EXPECT_EQ(p.result.diagnostics[1].loc.line, 2u);
}

TEST(Includes, GlobIncludesSortedMatches) {
  FakeFileSystem fs;
  fs.add("/cfg/d/2.conf", "v = two");
  fs.add("/cfg/d/1.conf", "v = one");
  fs.add("/cfg/d/x.txt", "v = no");
  EXPECT_EQ(parse(".include(glob=true) \"d/*.conf\"", &fs).json(), R"({"v":["one","two"]})");
  EXPECT_EQ(parse(".include(glob=true) \"e/*.conf\"", &fs).error(),
            "1:1: no file matches `/cfg/e/*.conf`");
  EXPECT_EQ(parse(".include(glob=true,try=true) \"e/*.conf\"", &fs).json(), "{}");
}

TEST(Includes, PriorityReplacesLowerAndIgnoresLater) {
  FakeFileSystem fs;
  fs.add("/cfg/hi.conf", "a = high");
  fs.add("/cfg/lo.conf", "b = low");
  EXPECT_EQ(parse("a = base\n.include(priority=3) \"hi.conf\"\na = later", &fs).json(),
            R"({"a":"high"})");
  EXPECT_EQ(parse(".priority 4\nb = main\n.include(priority=1) \"lo.conf\"", &fs).json(),
            R"({"b":"main"})");
  EXPECT_EQ(parse(".include(priority=16) \"hi.conf\"", &fs).error(),
            "1:1: include priority must be between 0 and 15");
}

TEST(Includes, DuplicateStrategies) {
  FakeFileSystem fs;
  fs.add("/cfg/o.conf", "o { b = 2 }\ns = 2");
  EXPECT_EQ(parse("o { a = 1 }\ns = 1\n.include(duplicate=\"merge\") \"o.conf\"", &fs).json(),
            R"({"o":{"a":1,"b":2},"s":[1,2]})");
  EXPECT_EQ(parse("o { a = 1 }\ns = 1\n.include(duplicate=\"rewrite\") \"o.conf\"", &fs).json(),
            R"({"o":{"b":2},"s":2})");
  EXPECT_EQ(parse("s = 1\n.include(duplicate=\"error\") \"o.conf\"", &fs).error(),
            "2:1: duplicate key `s`");
  EXPECT_EQ(parse(".include(duplicate=\"bogus\") \"o.conf\"", &fs).error(),
            "1:1: unknown duplicate strategy `bogus`");
}

TEST(Includes, PrefixPutsTheFileUnderAKey) {
  FakeFileSystem fs;
  fs.add("/cfg/p.conf", "x = 1");
  EXPECT_EQ(parse(".include(prefix=true; key=\"sub\") \"p.conf\"", &fs).json(),
            R"({"sub":{"x":1}})");
}

TEST(Includes, IncludeCycleIsAnErrorNotACrash) {
  FakeFileSystem fs;
  fs.add("/cfg/loop.conf", ".include \"loop.conf\"\n");
  auto p = parse(".include \"loop.conf\"", &fs);
  ASSERT_FALSE(p.ok());
  ASSERT_EQ(p.result.diagnostics.size(), 1u);
  EXPECT_EQ(p.result.diagnostics.front().message, "include loop: `/cfg/loop.conf` includes itself");
}

TEST(Includes, IncludeInsideASectionFillsThatSection) {
  FakeFileSystem fs;
  fs.add("/cfg/in.conf", "{ x = 1 }");
  EXPECT_EQ(parse("s { .include \"in.conf\"; y = 2 }", &fs).json(), R"({"s":{"x":1,"y":2}})");
}

TEST(Variables, ExpandedInDoubleQuotedUnquotedAndHeredocNotSingle) {
  ParseOptions o;
  o.variables["HOME"] = "/home/me";
  EXPECT_EQ(
      parse("a = \"$HOME/x\"; b = ${HOME}/y; c = '$HOME'; d = <<E\n$HOME\nE\n", nullptr, o).json(),
      R"({"a":"/home/me/x","b":"/home/me/y","c":"$HOME","d":"/home/me"})");
}

TEST(Variables, UnknownLeftAsWrittenAndDollarDollar) {
  // libucl keeps a text that names no known variable as written, `$$` included.
  EXPECT_EQ(parse("a = \"$NOPE ${NOPE} $$ $\"").json(), R"({"a":"$NOPE ${NOPE} $$ $"})");
  EXPECT_EQ(parse("a = \"$NOPE $$ $CURDIR\"").json(), R"({"a":"$NOPE $ /cfg"})");
}

TEST(Variables, LongestPrefixWinsForBareNames) {
  ParseOptions o;
  o.variables["A"] = "1";
  o.variables["AB"] = "2";
  EXPECT_EQ(parse("a = \"$ABC $A\"", nullptr, o).json(), R"({"a":"2C 1"})");
}

TEST(Variables, FileVariablesFollowIncludes) {
  FakeFileSystem fs;
  fs.add("/cfg/sub/i.conf", "inner = \"$CURDIR $FILENAME $CONFDIR\"");
  EXPECT_EQ(parse(".include \"sub/i.conf\"\nouter = \"$CURDIR $FILENAME\"", &fs).json(),
            R"({"inner":"/cfg/sub /cfg/sub/i.conf /cfg","outer":"/cfg /cfg/test.ucl"})");
}

TEST(Variables, IncludePathIsExpanded) {
  FakeFileSystem fs;
  fs.add("/cfg/v.conf", "v = 1");
  EXPECT_EQ(parse(".include \"$CURDIR/v.conf\"", &fs).json(), R"({"v":1})");
}

TEST(Variables, KeysAreNotExpanded) {
  EXPECT_EQ(parse("\"$CURDIR\" = 1").json(), R"({"$CURDIR":1})");
}

TEST(Inherit, CopiesMissingKeysAndOwnKeysWin) {
  EXPECT_EQ(parse("base { a = 1; b = 2 }\nweb { .inherit \"base\"; b = 3 }").json(),
            R"({"base":{"a":1,"b":2},"web":{"a":1,"b":3}})");
  EXPECT_EQ(parse("web { .inherit \"nope\" }").error(),
            "1:7: cannot inherit `nope`: no such section");
}

TEST(Inherit, SeesSectionsOfABracedDocument) {
  EXPECT_EQ(parse("{ base { a = 1 }\nweb { .inherit \"base\"; b = [1, [2]] } }").json(),
            R"({"base":{"a":1},"web":{"a":1,"b":[1,[2]]}})");
}

}  // namespace
}  // namespace jrun::ucl
