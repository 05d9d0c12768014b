#include "fakes/memory_fs.h"

#include <fnmatch.h>

#include "jrun/base/path.h"

namespace jrun::fakes {

void MemoryFileSystem::add_dir(const std::string& path) {
  std::string dir = path;
  while (!dir.empty() && dir != "." && dir != "/" && dirs_.insert(dir).second) {
    dir = dir_name(dir);
  }
  dirs_.insert("/");
}

void MemoryFileSystem::add_file(const std::string& path, std::string text) {
  files_[path] = std::move(text);
  add_dir(dir_name(path));
}

Result<std::string> MemoryFileSystem::read_file(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    return make_error(ErrorCode::kRuntime, "cannot read " + path + ": No such file or directory");
  }
  return it->second;
}

bool MemoryFileSystem::exists(const std::string& path) const {
  return files_.count(path) != 0 || dirs_.count(path) != 0;
}

bool MemoryFileSystem::is_directory(const std::string& path) const {
  return dirs_.count(path) != 0;
}

Result<std::vector<std::string>> MemoryFileSystem::glob(const std::string& pattern) const {
  std::vector<std::string> out;
  for (const auto& [path, text] : files_) {
    if (::fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0) out.push_back(path);
  }
  return out;  // std::map keeps them sorted
}

}  // namespace jrun::fakes
