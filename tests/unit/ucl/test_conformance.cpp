// libucl conformance: every tests/conformance/ucl/NN-topic.in must parse to exactly the tree
// its NN-topic.json describes (type-exact, keys case-sensitive). The .json files were produced
// by libucl itself or written by hand (tests/conformance/ucl/README.md) and are read here by a
// separate JSON reader, never by the parser under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "expected_json.h"
#include "jrun/ucl/emit.h"
#include "jrun/ucl/parser.h"
#include "real_fs.h"

namespace jrun::ucl {
namespace {

const std::string kDir = std::string(JRUN_TEST_DATA) + "/conformance/ucl";

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(kDir)) {
    if (entry.path().extension() == ".in") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Parses like libucl's test program: ABI=unknown plus the file variables.
ParseResult parse_case(const std::string& path, SourceMap& sources) {
  static const testing::RealFileSystem fs;
  ParseOptions options;
  options.fs = &fs;
  options.variables["ABI"] = "unknown";
  return parse_file(path, sources, options);
}

std::string first_error(const SourceMap& sources, const ParseResult& r) {
  return r.diagnostics.empty() ? "" : render_diagnostics(sources, r.diagnostics);
}

/// The expected tree of a case; `@DIR@` in the file stands for the conformance directory.
std::optional<Value> expected(const std::string& name, std::string* error) {
  std::ifstream in(kDir + "/" + name + ".json");
  if (!in) {
    *error = "no " + name + ".json";
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  for (std::size_t at = text.find("@DIR@"); at != std::string::npos; at = text.find("@DIR@", at)) {
    text.replace(at, 5, kDir);
  }
  return testing::read_expected_json(text, error);
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, InputMatchesExpected) {
  SourceMap sources;
  ParseResult in = parse_case(kDir + "/" + GetParam() + ".in", sources);
  ASSERT_TRUE(in.root) << first_error(sources, in);
  std::string error;
  std::optional<Value> want = expected(GetParam(), &error);
  ASSERT_TRUE(want) << GetParam() << ".json: " << error;
  std::string why;
  EXPECT_TRUE(equivalent(*in.root, *want, false, &why)) << why << "\nparsed:\n"
                                                        << to_json(*in.root);
}

TEST_P(Conformance, EmittedUclRoundTrips) {
  SourceMap sources;
  ParseResult in = parse_case(kDir + "/" + GetParam() + ".in", sources);
  ASSERT_TRUE(in.root) << first_error(sources, in);
  std::string text = to_ucl(*in.root);
  ParseOptions options;
  ParseResult again = parse_text("/dump.ucl", text, sources, options);
  ASSERT_TRUE(again.root) << first_error(sources, again) << "\n" << text;
  std::string why;
  EXPECT_TRUE(equivalent(*in.root, *again.root, false, &why)) << why << "\n" << text;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = param.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Ucl, Conformance, ::testing::ValuesIn(cases()), case_name);

TEST(ConformanceSuite, HasEnoughCases) { EXPECT_GE(cases().size(), 30u); }

/// The oracle itself: `text` parsed by jrun against `json` read by the expectation reader.
bool oracle_agrees(const std::string& text, const std::string& json) {
  SourceMap sources;
  ParseOptions options;
  ParseResult parsed = parse_text("/case.ucl", text, sources, options);
  std::string error;
  std::optional<Value> want = testing::read_expected_json(json, &error);
  EXPECT_TRUE(parsed.root && want) << error;
  return parsed.root && want && equivalent(*parsed.root, *want, false, nullptr);
}

TEST(ConformanceOracle, FailsOnAnyDifferenceOfTypeValueOrKey) {
  EXPECT_TRUE(oracle_agrees("a = 1; f = 1.5; t = 2min; s = x; b = yes; n = null; l = [1]",
                            R"({"a": 1, "f": 1.5, "t": {"@time": 120.0}, "s": "x", "b": true,
                                "n": null, "l": [1]})"));
  EXPECT_FALSE(oracle_agrees("a = 1", R"({"a": 1.0})"));
  EXPECT_FALSE(oracle_agrees("a = 1.0", R"({"a": 1})"));
  EXPECT_FALSE(oracle_agrees("a = 60s", R"({"a": 60.0})"));
  EXPECT_FALSE(oracle_agrees("a = 60s", R"({"a": 60})"));
  EXPECT_FALSE(oracle_agrees("a = 2", R"({"a": 3})"));
  EXPECT_FALSE(oracle_agrees("a = yes", R"({"a": "yes"})"));
  EXPECT_FALSE(oracle_agrees("a = null", R"({"a": "null"})"));
  EXPECT_FALSE(oracle_agrees("A = 1", R"({"a": 1})"));
  EXPECT_FALSE(oracle_agrees("a = 1; b = 2", R"({"a": 1})"));
  EXPECT_FALSE(oracle_agrees("a = [1, 2]", R"({"a": [2, 1]})"));
}

TEST(ConformanceOracle, ReaderRejectsMalformedExpectations) {
  std::string error;
  for (const char* bad : {"{", R"({"a": })", R"({"a": 1,})", R"({"a": 1} x)", R"({"a": "b)",
                          R"({"a": 1, "a": 2})", R"({"@time": "x"})", "[1 2]"}) {
    EXPECT_FALSE(testing::read_expected_json(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

}  // namespace
}  // namespace jrun::ucl
