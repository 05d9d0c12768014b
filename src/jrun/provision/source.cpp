#include "jrun/provision/source.h"

#include <algorithm>
#include <cctype>

#include "jrun/base/sha256.h"
#include "jrun/base/strings.h"

namespace jrun::provision {
namespace {

constexpr std::string_view kGithub = "https://github.com/";
constexpr std::string_view kHub = "hub://";

bool safe_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-' ||
         c == '+' || c == '@';
}

/// A '/'-separated relative path whose segments are non-empty, not "." or "..", of safe chars.
bool safe_path(std::string_view path) {
  if (path.empty()) return false;
  for (const std::string& segment : split(path, '/')) {
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (!std::all_of(segment.begin(), segment.end(), safe_char)) return false;
  }
  return true;
}

bool safe_ref(std::string_view ref) {
  return !ref.empty() && ref.find('/') == std::string_view::npos && safe_path(ref);
}

Error bad(std::string_view url, const std::string& why) {
  return make_error(ErrorCode::kConfig,
                    "cannot use playbook URL \"" + std::string(url) + "\": " + why);
}

Result<RemoteSource> resolve_hub(std::string_view url, std::string_view hub_raw_url) {
  std::string_view body = url.substr(kHub.size());
  while (!body.empty() && body.front() == '/') body.remove_prefix(1);
  while (!body.empty() && body.back() == '/') body.remove_suffix(1);
  std::string ref = "main";
  if (std::size_t at = body.rfind('@'); at != std::string_view::npos) {
    ref = std::string(body.substr(at + 1));
    body = body.substr(0, at);
    while (!body.empty() && body.back() == '/') body.remove_suffix(1);
  }
  if (!safe_path(body)) return bad(url, "expected hub://NAME/CHANNEL[@REF]");
  if (!safe_ref(ref)) return bad(url, "invalid ref \"" + ref + "\"");
  RemoteSource source;
  source.label = "hub";
  source.ref = ref;
  source.dir = "playbooks/" + std::string(body);
  source.raw_dir = std::string(hub_raw_url) + "/" + ref + "/" + source.dir + "/";
  source.entry = "playbook.yml";
  return source;
}

Result<RemoteSource> resolve_github(std::string_view url) {
  // owner/repo/blob/ref/path...
  std::vector<std::string> parts = split(url.substr(kGithub.size()), '/');
  if (parts.size() < 5 || parts[2] != "blob") {
    return bad(url, "not a GitHub blob URL (https://github.com/OWNER/REPO/blob/REF/PATH)");
  }
  std::string path;
  for (std::size_t i = 4; i < parts.size(); ++i) path += (i == 4 ? "" : "/") + parts[i];
  if (!safe_path(parts[0]) || !safe_path(parts[1]) || !safe_ref(parts[3]) || !safe_path(path)) {
    return bad(url, "owner, repository, ref or path has characters outside [A-Za-z0-9._@+-]");
  }
  RemoteSource source;
  source.label = parts[0] + "/" + parts[1];
  source.ref = parts[3];
  std::size_t slash = path.rfind('/');
  source.dir = slash == std::string::npos ? "" : path.substr(0, slash);
  source.entry = slash == std::string::npos ? path : path.substr(slash + 1);
  source.raw_dir = "https://raw.githubusercontent.com/" + source.label + "/" + source.ref + "/" +
                   (source.dir.empty() ? "" : source.dir + "/");
  return source;
}

}  // namespace

Result<RemoteSource> resolve_url(std::string_view url, std::string_view hub_raw_url) {
  if (url.substr(0, kHub.size()) == kHub) return resolve_hub(url, hub_raw_url);
  if (url.substr(0, kGithub.size()) == kGithub) return resolve_github(url);
  return bad(url,
             "only GitHub blob URLs (https://github.com/OWNER/REPO/blob/REF/PATH) and "
             "hub://NAME/CHANNEL[@REF] are supported");
}

std::string cache_dir_name(const RemoteSource& source) {
  std::string label = source.label.substr(source.label.rfind('/') + 1);
  std::string ref = source.ref;
  for (char& c : ref) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '.' && c != '-')
      c = '_';
  }
  return label + "_" + ref + "_" + sha256_hex(source.raw_dir).substr(0, 12);
}

}  // namespace jrun::provision
