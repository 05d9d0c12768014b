#include "fake_fs.h"

#include <fnmatch.h>

namespace jrun::ucl::testing {

Result<std::string> FakeFileSystem::read_file(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    return make_error(ErrorCode::kConfig, path + ": No such file or directory");
  }
  return it->second;
}

bool FakeFileSystem::exists(const std::string& path) const {
  return files_.count(path) > 0 || is_directory(path);
}

bool FakeFileSystem::is_directory(const std::string& path) const {
  std::string prefix = path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

Result<std::vector<std::string>> FakeFileSystem::glob(const std::string& pattern) const {
  std::vector<std::string> out;
  for (const auto& [path, text] : files_) {
    if (fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0) out.push_back(path);
  }
  return out;  // std::map keeps them sorted
}

}  // namespace jrun::ucl::testing
