#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "parse_helpers.h"

namespace jrun::ucl {
namespace {

using testing::parse;

TEST(Emit, JsonPretty) {
  auto p = parse("a = 1; b { c = [true, null] }; t = 10ms; s = \"q\\\"\\n\"; e {}; l = []");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(to_json(p.root()),
            "{\n    \"a\": 1,\n    \"b\": {\n        \"c\": [\n            true,\n"
            "            null\n        ]\n    },\n    \"t\": 0.01,\n    \"s\": \"q\\\"\\n\",\n"
            "    \"e\": {},\n    \"l\": []\n}\n");
}

TEST(Emit, JsonImplicitArraysAndFloats) {
  auto p = parse("a = 1; a = 2; f = 2.0; t = 1min");
  EXPECT_EQ(to_json(p.root(), false), R"({"a":[1,2],"f":2.0,"t":60.0})");
}

// Found by the fuzzer: a bare word holding a stray byte (0x91) made `config dump --json`
// print text that is not JSON. JSON output replaces invalid UTF-8 with U+FFFD; UCL output
// keeps the bytes, so it still parses back to the same tree.
TEST(Emit, JsonReplacesInvalidUtf8) {
  auto p = parse("c = NU\x91LL; k = \"\xc3\xa9\"; o = \"\xc0\xaf\xed\xa0\x80\";");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(to_json(p.root(), false),
            "{\"c\":\"NU\xEF\xBF\xBDLL\",\"k\":\"\xc3\xa9\",\"o\":\"\xEF\xBF\xBD"
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"}");
  EXPECT_NE(to_ucl(p.root()).find("NU\x91LL"), std::string::npos);
}

TEST(Emit, NonFiniteNumbersAreNull) {
  Value v = Value::object({});
  v.add_member("inf", {}, Value::floating(std::numeric_limits<double>::infinity(), {}));
  v.add_member("nan", {}, Value::time(std::nan(""), {}));
  EXPECT_EQ(to_json(v, false), R"({"inf":null,"nan":null})");
  EXPECT_EQ(to_ucl(v), "inf = null;\nnan = null;\n");
}

TEST(Emit, JsonEscapesControlCharacters) {
  Value v = Value::string(std::string("a\x01z", 3), {});
  EXPECT_EQ(to_json(v, false), "\"a\\u0001z\"");
}

TEST(Emit, UclConfigForm) {
  auto p = parse(
      "jail \"web\" { ip = 10.0.0.2; ports [80, 443]; t = 30s }\nx = \"$$HOME\"\n"
      "\"odd key\" = 1\nm = 1; m = 2");
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_EQ(to_ucl(p.root()),
            "jail {\n    web {\n        ip = \"10.0.0.2\";\n        ports [\n            80,\n"
            "            443,\n        ]\n        t = 30.0s;\n    }\n}\n"
            // `$` as \u0024: libucl keeps `$$` as written in a text without variables.
            "x = \"\\u0024\\u0024HOME\";\n\"odd key\" = 1;\nm = 1;\nm = 2;\n");
}

TEST(Emit, UclRoundTripKeepsImplicitArraysAndTypes) {
  auto p = parse("a = 1; a = 2; s = \"x\\ty\"; f = 1e-5; t = 0.5s; n = null; o { k = v }");
  ASSERT_TRUE(p.ok());
  auto again = parse(to_ucl(p.root()));
  ASSERT_TRUE(again.ok()) << again.error();
  std::string why;
  EXPECT_TRUE(equivalent(p.root(), again.root(), false, &why)) << why;
  EXPECT_TRUE(again.root().find("a")->implicit_array());
  EXPECT_EQ(again.root().find("t")->type(), Type::kTime);
  EXPECT_EQ(again.root().find("f")->type(), Type::kFloat);
}

TEST(Equivalent, ExplainsTheFirstDifference) {
  auto a = parse("x { y = [1, 2] }");
  auto b = parse("x { y = [1, 3] }");
  std::string why;
  EXPECT_FALSE(equivalent(a.root(), b.root(), false, &why));
  EXPECT_EQ(why, "x.y[1]: integer 2.000000 vs integer 3.000000");
}

TEST(Equivalent, NumbersArraysKeysAndOrder) {
  std::string why;
  EXPECT_TRUE(equivalent(parse("t = 60s; a = 1; a = 2; b = 2").root(),
                         parse("B = 2; T = 1min; A = [1, 2]").root(), true, &why))
      << why;
  EXPECT_FALSE(equivalent(parse("b = 2").root(), parse("b = 2.0").root(), false, &why));
  EXPECT_EQ(why, "b: integer 2.000000 vs number 2.000000");
  EXPECT_FALSE(equivalent(parse("t = 2s").root(), parse("t = 2.0").root(), false, &why));
  EXPECT_FALSE(equivalent(parse("t = 60").root(), parse("t = 1min").root(), false, &why));
  EXPECT_FALSE(equivalent(parse("a = 1").root(), parse("A = 1").root(), false, &why));
  EXPECT_EQ(why, "a: missing on the right");
  EXPECT_FALSE(equivalent(parse("a = 1").root(), parse("a = \"1\"").root(), false, &why));
  EXPECT_FALSE(equivalent(parse("a = [1]").root(), parse("a = [1, 1]").root(), false, &why));
}

}  // namespace
}  // namespace jrun::ucl
