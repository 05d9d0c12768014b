#pragma once
// File systems for the model tests: an in-memory one for unit tests and one reading the real
// disk below a root directory for the golden configs.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "jrun/base/filesystem.h"

namespace jrun::model::testing {

/// Files and directories that exist only in memory. Adding a file adds its parent directories.
class MemoryFileSystem : public FileSystem {
 public:
  MemoryFileSystem& dir(const std::string& path) {
    for (std::filesystem::path p(path); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      dirs_.insert(p.string());
    }
    dirs_.insert("/");
    return *this;
  }
  MemoryFileSystem& file(const std::string& path, std::string text = "") {
    dir(std::filesystem::path(path).parent_path().string());
    files_.emplace_back(path, std::move(text));
    return *this;
  }

  Result<std::string> read_file(const std::string& path) const override {
    for (const auto& [name, text] : files_) {
      if (name == path) return text;
    }
    return make_error(ErrorCode::kRuntime, path + ": no such file");
  }
  bool exists(const std::string& path) const override {
    return is_directory(path) || std::any_of(files_.begin(), files_.end(),
                                             [&](const auto& f) { return f.first == path; });
  }
  bool is_directory(const std::string& path) const override { return dirs_.count(path) != 0; }
  Result<std::vector<std::string>> glob(const std::string&) const override {
    return std::vector<std::string>{};
  }

 private:
  std::set<std::string> dirs_;
  std::vector<std::pair<std::string, std::string>> files_;
};

/// The real disk; relative paths are taken relative to `root` (so messages can show paths
/// relative to tests/ and the expected output does not depend on the checkout location).
class DiskFileSystem : public FileSystem {
 public:
  explicit DiskFileSystem(std::string root) : root_(std::move(root)) {}

  Result<std::string> read_file(const std::string& path) const override {
    std::ifstream in(full(path), std::ios::binary);
    if (!in) return make_error(ErrorCode::kRuntime, path + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  bool exists(const std::string& path) const override {
    return std::filesystem::exists(full(path));
  }
  bool is_directory(const std::string& path) const override {
    return std::filesystem::is_directory(full(path));
  }
  Result<std::vector<std::string>> glob(const std::string&) const override {
    return std::vector<std::string>{};
  }

 private:
  std::filesystem::path full(const std::string& path) const {
    std::filesystem::path p(path);
    return p.is_absolute() ? p : std::filesystem::path(root_) / p;
  }
  std::string root_;
};

}  // namespace jrun::model::testing
