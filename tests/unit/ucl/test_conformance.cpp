// libucl-style conformance: every tests/conformance/ucl/NN-topic.in must parse to a tree
// equivalent to its NN-topic.res (keys case-insensitive, as libucl's own tests compare).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

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

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, InputMatchesExpected) {
  SourceMap sources;
  ParseResult in = parse_case(kDir + "/" + GetParam() + ".in", sources);
  ASSERT_TRUE(in.root) << first_error(sources, in);
  ParseResult res = parse_case(kDir + "/" + GetParam() + ".res", sources);
  ASSERT_TRUE(res.root) << first_error(sources, res);
  std::string why;
  EXPECT_TRUE(equivalent(*in.root, *res.root, true, &why)) << why << "\nparsed:\n"
                                                           << to_ucl(*in.root);
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

}  // namespace
}  // namespace jrun::ucl
