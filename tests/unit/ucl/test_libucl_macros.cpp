// The libucl macro semantics that jrun missed (issue 15, "UCL"): `.include`'s prefix / key /
// target and its default strategy, `.inherit` as ucl_inherit_handler does it, `.load`, and
// `$$` next to a variable; plus what an include may read (issue 15, item 11). Cases written for
// jrun from libucl's README and sources (no test of libucl is copied).
#include <gtest/gtest.h>

#include "jrun/base/diagnostic.h"
#include "parse_helpers.h"

namespace jrun::ucl {
namespace {

using testing::FakeFileSystem;
using testing::parse;

TEST(IncludePrefix, PrefixTrueUsesTheFileNameWithoutConfOrUcl) {
  FakeFileSystem fs;
  fs.add("/cfg/web.conf", "port = 80");
  fs.add("/cfg/db.ucl", "port = 5432");
  fs.add("/cfg/cache.txt", "port = 6379");
  EXPECT_EQ(parse(".include(prefix=true) \"web.conf\"\n.include(prefix=true) \"db.ucl\"\n"
                  ".include(prefix=true) \"cache.txt\"",
                  &fs)
                .json(),
            R"({"web":{"port":80},"db":{"port":5432},"cache.txt":{"port":6379}})");
}

TEST(IncludePrefix, KeyAloneIsAPrefixAndAStringPrefixIsIgnored) {
  FakeFileSystem fs;
  fs.add("/cfg/p.conf", "x = 1");
  EXPECT_EQ(parse(".include(key=\"k\") \"p.conf\"", &fs).json(), R"({"k":{"x":1}})");
  // libucl reads `prefix` only as a boolean: a string there changes nothing.
  EXPECT_EQ(parse(".include(prefix=\"sub\") \"p.conf\"", &fs).json(), R"({"x":1})");
}

TEST(IncludePrefix, ObjectTargetMergesIntoAnExistingObjectAndRefusesOtherTypes) {
  FakeFileSystem fs;
  fs.add("/cfg/p.conf", "x = 1");
  EXPECT_EQ(parse("k { y = 2 }\n.include(key=\"k\") \"p.conf\"", &fs).json(),
            R"({"k":{"y":2,"x":1}})");
  EXPECT_EQ(parse("k = 3\n.include(key=\"k\") \"p.conf\"", &fs).error(),
            "2:1: cannot include into `k`: it is not an object");
}

TEST(IncludePrefix, ArrayTargetCollectsOneObjectPerInclude) {
  FakeFileSystem fs;
  fs.add("/cfg/d/1.conf", "n = 1");
  fs.add("/cfg/d/2.conf", "n = 2");
  EXPECT_EQ(parse(".include(key=\"all\"; target=\"array\"; glob=true) \"d/*.conf\"", &fs).json(),
            R"({"all":[{"n":1},{"n":2}]})");
  // An existing array grows; an existing object becomes the first item.
  EXPECT_EQ(parse("all = [0]\n.include(key=\"all\"; target=\"array\") \"d/1.conf\"", &fs).json(),
            R"({"all":[0,{"n":1}]})");
  EXPECT_EQ(
      parse("all { n = 0 }\n.include(key=\"all\"; target=\"array\") \"d/2.conf\"", &fs).json(),
      R"({"all":[{"n":0},{"n":2}]})");
}

TEST(IncludePrefix, MissingFileWithTryAddsNoKey) {
  EXPECT_EQ(parse(".include(try=true; key=\"k\"; target=\"array\") \"nope.conf\"").json(), "{}");
}

TEST(IncludeDuplicate, IncludesStartWithAppendWhateverTheIncludingFileUses) {
  FakeFileSystem fs;
  fs.add("/cfg/inner.conf", "s = 2");
  fs.add("/cfg/outer.conf", "s = 1\n.include \"inner.conf\"");
  EXPECT_EQ(parse(".include(duplicate=\"rewrite\") \"outer.conf\"", &fs).json(), R"({"s":[1,2]})");
}

TEST(IncludeDuplicate, PrioritiesPerStrategy) {
  FakeFileSystem fs;
  fs.add("/cfg/lo.conf", "s = low\no { b = 2 }");
  fs.add("/cfg/hi.conf", "s = high\no { c = 3 }");
  // append: a lower priority is ignored, a higher one replaces.
  EXPECT_EQ(
      parse(".priority 2\ns = main\no { a = 1 }\n.include(priority=1) \"lo.conf\"", &fs).json(),
      R"({"s":"main","o":{"a":1}})");
  EXPECT_EQ(parse("s = main\no { a = 1 }\n.include(priority=3) \"hi.conf\"", &fs).json(),
            R"({"s":"high","o":{"c":3}})");
  // merge: objects merge whatever the priorities; scalars follow the priorities.
  EXPECT_EQ(parse(".priority 2\ns = main\no { a = 1 }\n"
                  ".include(priority=1; duplicate=\"merge\") \"lo.conf\"",
                  &fs)
                .json(),
            R"({"s":"main","o":{"a":1,"b":2}})");
  // rewrite: the later value wins, even from a lower priority.
  EXPECT_EQ(
      parse(".priority 2\ns = main\n.include(priority=1; duplicate=\"rewrite\") \"lo.conf\"", &fs)
          .json(),
      R"({"s":"low","o":{"b":2}})");
  // error: any repeated key.
  EXPECT_EQ(parse("s = main\n.include(priority=9; duplicate=\"error\") \"hi.conf\"", &fs).error(),
            "1:1: duplicate key `s`");
}

TEST(Inherit, FromARepeatedSectionTakesTheFirst) {
  EXPECT_EQ(parse("t { a = 1 }\nt { a = 2; b = 2 }\nu { .inherit \"t\" }").json(),
            R"({"t":[{"a":1},{"a":2,"b":2}],"u":{"a":1}})");
}

TEST(Inherit, TheSectionBeingReadInheritingItselfChangesNothing) {
  EXPECT_EQ(parse("d { x = 1 }\ns { y = 2; .inherit \"d\"; .inherit \"s\" }").json(),
            R"({"d":{"x":1},"s":{"y":2,"x":1}})");
  // A section that repeats an earlier one inherits from the earlier one.
  EXPECT_EQ(parse("s { a = 1; b = 1 }\ns { .inherit \"s\"; a = 2 }").json(),
            R"({"s":[{"a":1,"b":1},{"a":2,"b":1}]})");
}

TEST(Inherit, InheritedValuesGiveWayEvenToALowerPriority) {
  EXPECT_EQ(parse(".priority 5\nd { k = d }\n.priority 0\ns { .inherit \"d\"; k = own }").json(),
            R"({"d":{"k":"d"},"s":{"k":"own"}})");
}

TEST(Inherit, ReplaceCopiesEveryKeyAndTheCopiesStay) {
  EXPECT_EQ(
      parse("d { k = d; x = 1 }\ns { k = own; .inherit(replace=true) \"d\"; k = again }").json(),
      R"({"d":{"k":"d","x":1},"s":{"k":["own","d","again"],"x":1}})");
  EXPECT_EQ(parse("d { x = 1 }\ns { .inherit(replace=true) \"d\"; x = 2 }").json(),
            R"({"d":{"x":1},"s":{"x":[1,2]}})");
}

TEST(Load, ReadsAFileAsAStringUnderAKey) {
  FakeFileSystem fs;
  fs.add("/cfg/motd", "  hello \"you\"\n\tbye\\n \n");
  EXPECT_EQ(parse("s { .load(key=\"m\") \"motd\" }", &fs).json(),
            R"({"s":{"m":"  hello \"you\"\n\tbye\\n \n"}})");
  EXPECT_EQ(parse(".load(key=\"m\"; trim=true) \"motd\"", &fs).json(),
            R"({"m":"hello \"you\"\n\tbye\\n"})");
  EXPECT_EQ(parse(".load(key=\"m\"; trim=true; escape=true; multiline=true) \"motd\"", &fs).json(),
            R"({"m":"hello \\\"you\\\"\\n\\tbye\\\\n"})");
}

TEST(Load, IntTargetReadsTheLeadingNumber) {
  FakeFileSystem fs;
  fs.add("/cfg/n", "  -42 apples\n");
  fs.add("/cfg/z", "none");
  EXPECT_EQ(
      parse(".load(key=\"n\"; target=\"int\") \"n\"\n.load(key=\"z\"; target=\"int\") \"z\"", &fs)
          .json(),
      R"({"n":-42,"z":0})");
}

TEST(Load, Errors) {
  FakeFileSystem fs;
  fs.add("/cfg/f", "x");
  EXPECT_EQ(parse(".load \"f\"", &fs).error(), "1:1: `.load` needs a key");
  EXPECT_EQ(parse("k = 1\n.load(key=\"k\") \"f\"", &fs).error(),
            "2:1: cannot load into `k`: the key exists already");
  EXPECT_EQ(parse(".load(key=\"k\"; target=\"list\") \"f\"", &fs).error(),
            "1:1: unknown `.load` target `list`");
  EXPECT_EQ(parse(".load(key=\"k\") \"nope\"", &fs).error(),
            "1:1: cannot load `/cfg/nope`: /cfg/nope: No such file or directory");
  EXPECT_EQ(parse(".load(key=\"k\"; try=true) \"nope\"\na = 1", &fs).json(), R"({"a":1})");
}

TEST(Load, PriorityDecidesAgainstLaterKeys) {
  FakeFileSystem fs;
  fs.add("/cfg/f", "loaded");
  EXPECT_EQ(parse(".load(key=\"k\"; priority=4) \"f\"\nk = later", &fs).json(),
            R"({"k":"loaded"})");
}

TEST(DollarDollar, NextToAVariable) {
  ParseOptions o;
  o.variables["ABI"] = "unknown";
  EXPECT_EQ(parse("a = \"$ABI$$\"; b = \"$$ABI\"; c = \"$$$ABI\"; d = \"${ABI}$$${ABI}\"; "
                  "e = \"100$$\"; f = \"$$ $ABI\"",
                  nullptr, o)
                .json(),
            R"({"a":"unknown$","b":"$$ABI","c":"$unknown","d":"unknown$unknown","e":"100$$",)"
            R"("f":"$ unknown"})");
}

TEST(DollarDollar, EmittedUclKeepsDollarsLiteral) {
  ParseOptions o;
  o.variables["ABI"] = "unknown";
  auto p = parse("a = \"$ABI$$\"; b = \"$$ABI\"; c = 'x$ABI'", nullptr, o);
  ASSERT_TRUE(p.ok()) << p.error();
  auto again = parse(to_ucl(p.root()), nullptr, o);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again.json(), R"({"a":"unknown$","b":"$$ABI","c":"x$ABI"})");
}

TEST(IncludeLoop, OneProblemWithTheChainAsNotes) {
  FakeFileSystem fs;
  fs.add("/cfg/a.conf", "x = 1\n.include \"b.conf\"");
  fs.add("/cfg/b.conf", "\n.include \"a.conf\"");
  auto p = parse(".include \"a.conf\"", &fs);
  ASSERT_EQ(p.result.diagnostics.size(), 1u) << render_diagnostics(p.sources, p.result.diagnostics);
  const Diagnostic& d = p.result.diagnostics.front();
  EXPECT_EQ(d.message, "include loop: `/cfg/a.conf` includes itself");
  EXPECT_EQ(p.sources.path(d.loc), "/cfg/b.conf");
  EXPECT_EQ(d.hint,
            "a file may not include itself, directly or through others\n"
            "  = note: /cfg/a.conf:2:1: `/cfg/a.conf` includes `/cfg/b.conf`\n"
            "  = note: /cfg/b.conf:2:1: `/cfg/b.conf` includes `/cfg/a.conf` again");
  // The top file including itself.
  fs.add("/cfg/test.ucl", ".include \"test.ucl\"");
  EXPECT_EQ(parse(".include \"test.ucl\"", &fs).result.diagnostics.size(), 1u);
}

TEST(IncludeQuoting, LinesOfFilesOutsideTheConfigDirectoryAreNeverShown) {
  FakeFileSystem fs;
  fs.add("/etc/secret", "root:$6$hash:19000::\nbad = \"unterminated\n");
  fs.add("/cfg/sub/mine.conf", "ok = 1\nbad = \"unterminated\n");
  auto outside = parse(".include \"/etc/secret\"", &fs);
  ASSERT_FALSE(outside.ok());
  const std::string shown = render_diagnostics(outside.sources, outside.result.diagnostics);
  EXPECT_EQ(shown.find("hash"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("unterminated\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("/etc/secret:2:7: error:"), std::string::npos) << shown;
  auto inside = parse(".include \"sub/mine.conf\"", &fs);
  const std::string mine = render_diagnostics(inside.sources, inside.result.diagnostics);
  EXPECT_NE(mine.find(" 2 | bad = \"unterminated"), std::string::npos) << mine;
  EXPECT_EQ(mine.find("ok = 1"), std::string::npos) << mine;
}

TEST(IncludeSize, LargerThanTheLimitIsRefused) {
  FakeFileSystem fs;
  fs.add("/cfg/big.conf", "a = \"" + std::string(100, 'x') + "\"");
  ParseOptions o;
  o.max_file_bytes = 64;
  EXPECT_EQ(parse(".include \"big.conf\"", &fs, o).error(),
            "1:1: cannot include `/cfg/big.conf`: /cfg/big.conf is larger than 64 bytes");
}

}  // namespace
}  // namespace jrun::ucl
