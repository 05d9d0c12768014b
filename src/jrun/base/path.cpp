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

bool is_normal_absolute(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  std::size_t start = 1;  // first byte of the current component
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string resolve_path(std::string_view dir, std::string_view rel, std::string_view home) {
  // Fast path, no std::filesystem: paths that are already normal (the usual case) come back
  // as they are, exactly as lexically_normal() would give them.
  if (is_normal_absolute(rel)) return std::string(rel);
  if (rel == "." && is_normal_absolute(dir)) return std::string(dir);
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
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace jrun
