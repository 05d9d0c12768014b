#include "jrun/base/path.h"

#include <filesystem>

#include "jrun/base/strings.h"

namespace jrun {

std::string dir_name(std::string_view path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

std::string base_name(std::string_view path) {
  return std::filesystem::path(path).filename().string();
}

std::string resolve_path(std::string_view dir, std::string_view rel, std::string_view home) {
  std::filesystem::path p;
  if (rel == "~") {
    p = std::filesystem::path(home);
  } else if (rel.size() >= 2 && rel.substr(0, 2) == "~/") {
    p = std::filesystem::path(home) / std::filesystem::path(rel.substr(2));
  } else if (!rel.empty() && rel.front() == '/') {
    p = std::filesystem::path(rel);
  } else {
    p = std::filesystem::path(dir) / std::filesystem::path(rel);
  }
  std::string out = p.lexically_normal().string();
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool has_dot_dot(std::string_view path) {
  for (const std::string& part : split(path, '/')) {
    if (part == "..") return true;
  }
  return false;
}

}  // namespace jrun
