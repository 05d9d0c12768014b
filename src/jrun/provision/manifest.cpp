#include "jrun/provision/manifest.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "jrun/base/strings.h"

namespace jrun::provision {
namespace {

bool is_hex64(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

/// Why `path` may not be written under the cache directory, or "".
std::string unsafe_path(std::string_view path) {
  if (path.empty()) return "empty path";
  if (path.front() == '/') return "absolute path";
  for (char c : path) {
    if (c == '\\' || std::iscntrl(static_cast<unsigned char>(c)) != 0) {
      return "backslash or control character in path";
    }
  }
  for (const std::string& segment : split(path, '/')) {
    if (segment.empty() || segment == "." || segment == "..") {
      return "path escapes the playbook directory";
    }
  }
  if (path == "jrun.manifest") return "the manifest cannot list itself";
  return "";
}

Error line_error(std::size_t number, std::string_view line, const std::string& why) {
  return make_error(ErrorCode::kRuntime, "jrun.manifest line " + std::to_string(number) + ": " +
                                             why + ": \"" + std::string(line) + "\"");
}

}  // namespace

Result<std::vector<ManifestEntry>> parse_manifest(std::string_view text, std::string_view entry) {
  std::vector<ManifestEntry> entries;
  std::set<std::string> seen;
  std::size_t number = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++number;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    std::size_t space = line.find_first_of(" \t");
    std::size_t start =
        space == std::string_view::npos ? space : line.find_first_not_of(" \t", space);
    if (space == std::string_view::npos || start == std::string_view::npos ||
        !is_hex64(line.substr(0, space))) {
      return line_error(number, line, "expected `<sha256> <path>`");
    }
    std::string_view path = line.substr(start);
    if (path.front() == '*') path.remove_prefix(1);
    if (std::string why = unsafe_path(path); !why.empty()) return line_error(number, line, why);
    if (!seen.insert(std::string(path)).second) return line_error(number, line, "duplicate path");
    entries.push_back({to_lower(line.substr(0, space)), std::string(path)});
  }
  if (seen.count(std::string(entry)) == 0) {
    return make_error(ErrorCode::kRuntime,
                      "entry point '" + std::string(entry) + "' is not listed in jrun.manifest");
  }
  return entries;
}

}  // namespace jrun::provision
