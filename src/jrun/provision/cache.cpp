// The playbook cache: the only code of jrun that writes downloaded playbooks to disk.

#include "jrun/provision/cache.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "jrun/base/sha256.h"

namespace jrun::provision {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_if_present(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Writes `content` to `path` through a temp file and a rename, creating parent directories.
Status write_atomic(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return make_error(ErrorCode::kRuntime, "cannot write " + tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec)
    return make_error(ErrorCode::kRuntime, "cannot write " + path.string() + ": " + ec.message());
  return {};
}

/// `relative` under `dir`, or an error when it would land outside (defence in depth: the
/// manifest parser already refuses such paths).
Result<fs::path> inside(const std::string& dir, const std::string& relative) {
  fs::path base = fs::path(dir).lexically_normal();
  fs::path joined = (base / relative).lexically_normal();
  auto [end, rest] = std::mismatch(base.begin(), base.end(), joined.begin(), joined.end());
  if (end != base.end() || fs::path(relative).is_absolute()) {
    return make_error(ErrorCode::kRuntime,
                      "manifest path escapes the cache directory: " + relative);
  }
  return joined;
}

}  // namespace

Result<std::string> PlaybookCache::get(const std::string& url) {
  auto body = fetcher_.get(url);
  if (!body && body.error().message.find(url) == std::string::npos) {
    return std::move(body).error().with_context("fetching " + url);
  }
  return body;
}

Result<RemoteManifest> PlaybookCache::manifest(const model::SetupStep& step) {
  const std::string key = step.location + "#" + step.sha256.value_or("");
  if (auto it = manifests_.find(key); it != manifests_.end()) return it->second;
  ASSIGN_OR_RETURN(RemoteManifest loaded, load_manifest(step));
  manifests_.emplace(key, loaded);
  return loaded;
}

Result<RemoteManifest> PlaybookCache::load_manifest(const model::SetupStep& step) {
  RemoteManifest out;
  ASSIGN_OR_RETURN(out.source, resolve_url(step.location, hub_raw_url_));
  out.dir = root_ + "/" + cache_dir_name(out.source);
  std::optional<std::string> cached = read_if_present(out.dir + "/jrun.manifest");
  if (step.sha256 && cached && sha256_hex(*cached) == *step.sha256) {
    out.text = std::move(*cached);
  } else {
    ASSIGN_OR_RETURN(out.text, get(out.source.manifest_url()));
    if (step.sha256 && sha256_hex(out.text) != *step.sha256) {
      return make_error(ErrorCode::kRuntime, "manifest " + out.source.manifest_url() +
                                                 " does not match the pinned " +
                                                 "sha256:\n  expected: " + *step.sha256 +
                                                 "\n  got:      " + sha256_hex(out.text));
    }
  }
  auto entries = parse_manifest(out.text, out.source.entry);
  if (!entries) return std::move(entries).error().with_context(out.source.manifest_url());
  out.entries = std::move(*entries);
  std::vector<std::pair<std::string, std::string>> hashes;
  for (const ManifestEntry& e : out.entries) hashes.emplace_back(e.path, e.sha256);
  out.hash = bundle_hash(std::move(hashes));
  return out;
}

Status PlaybookCache::fetch_file(const RemoteManifest& manifest, const ManifestEntry& entry) {
  ASSIGN_OR_RETURN(fs::path path, inside(manifest.dir, entry.path));
  std::optional<std::string> cached = read_if_present(path.string());
  if (cached && sha256_hex(*cached) == entry.sha256) return {};
  const std::string url = manifest.source.url_of(entry.path);
  ASSIGN_OR_RETURN(std::string body, get(url));
  ++downloads_;
  std::string got = sha256_hex(body);
  if (got != entry.sha256) {
    return make_error(ErrorCode::kRuntime, "checksum mismatch for " + entry.path + " (" + url +
                                               "):\n  expected: " + entry.sha256 +
                                               "\n  got:      " + got);
  }
  return write_atomic(path, body);
}

Result<Bundle> PlaybookCache::fetch(const model::SetupStep& step) {
  ASSIGN_OR_RETURN(RemoteManifest manifest, this->manifest(step));
  int before = downloads_;
  for (const ManifestEntry& entry : manifest.entries) TRY(fetch_file(manifest, entry));
  TRY(write_atomic(manifest.dir + "/jrun.manifest", manifest.text));
  if (info_) {
    const std::string what =
        step.location + " → " + manifest.source.label + "@" + manifest.source.ref;
    info_(downloads_ == before ? "using cached playbook " + what
                               : "playbook " + what + " fetched and verified (" +
                                     std::to_string(downloads_ - before) + " files)");
  }
  Bundle bundle;
  bundle.root = manifest.dir;
  bundle.entry = manifest.source.entry;
  for (const ManifestEntry& entry : manifest.entries) bundle.files.push_back(entry.path);
  std::sort(bundle.files.begin(), bundle.files.end());
  bundle.hash = manifest.hash;
  return bundle;
}

}  // namespace jrun::provision
