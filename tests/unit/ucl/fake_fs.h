#pragma once
// In-memory FileSystem for the ucl tests: files are a path -> text map; glob supports `*` and
// `?` in the last path component.

#include <map>
#include <string>
#include <vector>

#include "jrun/base/filesystem.h"

namespace jrun::ucl::testing {

class FakeFileSystem : public FileSystem {
 public:
  /// Adds (or replaces) a file.
  void add(const std::string& path, std::string text) { files_[path] = std::move(text); }

  Result<std::string> read_file(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  Result<std::vector<std::string>> glob(const std::string& pattern) const override;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace jrun::ucl::testing
