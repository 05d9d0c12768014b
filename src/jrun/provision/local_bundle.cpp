// local_bundle: lists and hashes a local playbook's files (reads the disk).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jrun/base/path.h"
#include "jrun/base/sha256.h"
#include "jrun/provision/bundle.h"

namespace jrun::provision {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxFiles = 2000;
constexpr std::uintmax_t kMaxBytes = 64ULL << 20;

Result<std::string> read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kRuntime, "cannot read playbook file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool hidden(const fs::path& relative) {
  for (const fs::path& part : relative) {
    if (!part.empty() && part.native().front() == '.') return true;
  }
  return false;
}

/// Regular files under root/dir (relative to root), hidden ones skipped.
Status list_dir(const fs::path& root, const char* dir, std::vector<std::string>& files,
                std::uintmax_t& bytes) {
  std::error_code ec;
  if (!fs::is_directory(root / dir, ec)) return {};
  for (auto it = fs::recursive_directory_iterator(root / dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::path relative = it->path().lexically_relative(root);
    if (hidden(relative) || !it->is_regular_file(ec)) continue;
    files.push_back(relative.generic_string());
    bytes += it->file_size(ec);
    if (files.size() > kMaxFiles || bytes > kMaxBytes) {
      return make_error(ErrorCode::kRuntime, "too many playbook files under " +
                                                 (root / dir).string() +
                                                 " (more than 2000 files or 64 MiB)");
    }
  }
  if (ec) return make_error(ErrorCode::kRuntime, "cannot list " + (root / dir).string());
  return {};
}

}  // namespace

Result<Bundle> local_bundle(const std::string& path) {
  Bundle bundle;
  bundle.root = dir_name(path);
  bundle.entry = base_name(path);
  bundle.files.push_back(bundle.entry);
  std::uintmax_t bytes = 0;
  for (const char* dir : kBundleDirs) TRY(list_dir(bundle.root, dir, bundle.files, bytes));
  std::sort(bundle.files.begin(), bundle.files.end());
  std::vector<std::pair<std::string, std::string>> hashes;
  for (const std::string& file : bundle.files) {
    ASSIGN_OR_RETURN(std::string content, read(bundle.root + "/" + file));
    hashes.emplace_back(file, sha256_hex(content));
  }
  bundle.hash = bundle_hash(std::move(hashes));
  return bundle;
}

}  // namespace jrun::provision
