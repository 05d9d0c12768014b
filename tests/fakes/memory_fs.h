#pragma once
// In-memory FileSystem for unit tests: files and directories added by the test, nothing else.

#include <map>
#include <set>
#include <string>

#include "jrun/base/filesystem.h"

namespace jrun::fakes {

class MemoryFileSystem final : public FileSystem {
 public:
  /// Adds a file (and its parent directories).
  void add_file(const std::string& path, std::string text);
  void add_dir(const std::string& path);

  Result<std::string> read_file(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  /// Supports `*` and `?` in the last path component only.
  Result<std::vector<std::string>> glob(const std::string& pattern) const override;

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> dirs_;
};

}  // namespace jrun::fakes
