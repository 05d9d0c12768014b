#include "real_fs.h"

#include <glob.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jrun::ucl::testing {

Result<std::string> RealFileSystem::read_file(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    return make_error(ErrorCode::kConfig, path + ": cannot read");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool RealFileSystem::exists(const std::string& path) const { return std::filesystem::exists(path); }

bool RealFileSystem::is_directory(const std::string& path) const {
  return std::filesystem::is_directory(path);
}

Result<std::vector<std::string>> RealFileSystem::glob(const std::string& pattern) const {
  glob_t g{};
  std::vector<std::string> out;
  if (::glob(pattern.c_str(), 0, nullptr, &g) == 0) {
    for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  }
  globfree(&g);
  return out;  // glob(3) sorts
}

}  // namespace jrun::ucl::testing
