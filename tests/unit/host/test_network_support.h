#pragma once
// Helpers of the network and supervision generator tests: golden files, running a command and
// capturing its output, temp directories, shell checks of generated scripts.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "jrun/base/strings.h"

namespace jrun::host::linux_driver::testing {

/// Compares `actual` with tests/golden/linux/<name>; JRUN_UPDATE_GOLDEN=1 rewrites it.
inline void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/linux/" + name;
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

struct Output {
  int status = -1;   ///< exit status, or -1 when killed
  std::string text;  ///< stdout and stderr
};

/// Runs `command` with /bin/sh, stdout+stderr captured.
inline Output run_shell(const std::string& command) {
  Output out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.text.append(buffer.data(), n);
  const int raw = pclose(pipe);
  out.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

/// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/jrun-net-test-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Writes `content` to `path` (parents created) with permission bits `mode`.
inline void write_file(const std::string& path, const std::string& content, int mode) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  std::filesystem::permissions(path, static_cast<std::filesystem::perms>(mode));
}

inline bool have(const std::string& tool) {
  return run_shell("command -v " + shell_quote(tool) + " >/dev/null").status == 0;
}

/// `sh -n` and `shellcheck -s sh` of a generated script; failures name `what`.
inline void expect_clean_script(const std::string& what, const std::string& script) {
  TempDir dir;
  const std::string path = dir.path() + "/script.sh";
  write_file(path, script, 0600);
  const Output syntax = run_shell("sh -n " + path);
  EXPECT_EQ(syntax.status, 0) << what << ": " << syntax.text;
  // Visible: a skipped test fails CI (scripts/test.sh), so a missing shellcheck is noticed.
  if (!have("shellcheck")) GTEST_SKIP() << "shellcheck not installed: " << what << " not linted";
  const Output lint = run_shell("shellcheck -s sh " + path);
  EXPECT_EQ(lint.status, 0) << what << ":\n" << lint.text << "\n" << script;
}

}  // namespace jrun::host::linux_driver::testing
