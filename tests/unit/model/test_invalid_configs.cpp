// Golden tests: every tests/configs/invalid/NN-name.ucl is parsed, validated and rendered, and
// the output must equal NN-name.expected. Regenerate with JRUN_UPDATE_GOLDEN=1 and read the diff.
// tests/configs/valid/*.ucl and examples/*.ucl must load without a single diagnostic.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fakes/update_golden.h"
#include "jrun/base/diagnostic.h"
#include "jrun/model/load.h"
#include "jrun/ucl/parser.h"
#include "test_fs.h"

namespace jrun::model {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  std::size_t count = 0;
  std::string rendered;
};

// Loads `relative` (a path below `root`) the way the CLI does, with paths shown relative to root.
Outcome check_file(const std::string& root, const std::string& relative) {
  testing::DiskFileSystem disk(root);
  SourceMap sources;
  ucl::ParseOptions options;
  options.fs = &disk;
  options.variables["HOME"] = "/home/user";
  ucl::ParseResult parsed = ucl::parse_file(relative, sources, options);
  std::vector<Diagnostic> diagnostics = parsed.diagnostics;
  if (parsed.root) {
    ValidationContext context;
    context.fs = &disk;
    context.sources = &sources;
    context.config_path = relative;
    context.config_dir = fs::path(relative).parent_path().string();
    context.home = "/home/user";
    LoadResult loaded = load_config(*parsed.root, context);
    diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  }
  return Outcome{diagnostics.size(), render_diagnostics(sources, diagnostics)};
}

std::vector<std::string> ucl_files(const std::string& root, const std::string& dir) {
  std::vector<std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(fs::path(root) / dir)) {
    if (entry.path().extension() == ".ucl")
      files.push_back(dir + "/" + entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(InvalidConfigsTest, EachMatchesItsExpectedOutput) {
  const std::string root = JRUN_TEST_DATA;
  const bool update = jrun::testing::update_golden();
  std::vector<std::string> files = ucl_files(root, "configs/invalid");
  EXPECT_GE(files.size(), 45u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    Outcome outcome = check_file(root, file);
    EXPECT_GE(outcome.count, 1u) << "no diagnostic for an invalid config";
    fs::path expected_path = fs::path(root) / fs::path(file).replace_extension(".expected");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << outcome.rendered;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path)) << "run with JRUN_UPDATE_GOLDEN=1 to create it";
    EXPECT_EQ(outcome.rendered, read_text(expected_path));
  }
}

TEST(ValidConfigsTest, LoadWithoutDiagnostics) {
  const std::string root = JRUN_TEST_DATA;
  std::vector<std::string> files = ucl_files(root, "configs/valid");
  EXPECT_GE(files.size(), 5u);
  for (const std::string& file : files) {
    Outcome outcome = check_file(root, file);
    EXPECT_EQ(outcome.count, 0u) << file << "\n" << outcome.rendered;
  }
}

TEST(ExamplesTest, LoadWithoutDiagnostics) {
  const std::string root = JRUN_SOURCE_DIR;
  std::vector<std::string> files = ucl_files(root, "examples");
  EXPECT_GE(files.size(), 4u);
  for (const std::string& file : files) {
    Outcome outcome = check_file(root, file);
    EXPECT_EQ(outcome.count, 0u) << file << "\n" << outcome.rendered;
  }
}

}  // namespace
}  // namespace jrun::model
