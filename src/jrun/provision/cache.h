#pragma once
// Downloaded playbooks: resolve a `url` step, fetch and verify its manifest and files, keep them
// in $JRUN_HOME/playbooks/<cache dir>/ (reference §6.3, but every manifest path is checked, and a
// pinned manifest in the cache needs no network).

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/model/config.h"
#include "jrun/provision/bundle.h"
#include "jrun/provision/manifest.h"
#include "jrun/provision/source.h"

namespace jrun::provision {

/// GETs a URL (the cli wires sys::http_get). Fails with a message naming the URL.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  virtual Result<std::string> get(const std::string& url) = 0;
};

/// A remote step's verified manifest.
struct RemoteManifest {
  RemoteSource source;
  std::string dir;   ///< absolute cache directory
  std::string text;  ///< the manifest as fetched (or cached)
  std::vector<ManifestEntry> entries;
  std::string hash;  ///< bundle_hash of the entries (the step hash recorded in state)
};

class PlaybookCache {
 public:
  /// `root` = $JRUN_HOME/playbooks; `hub_raw_url` = JRUN_HUB_RAW_URL; `info` gets one-line
  /// messages ("Using cached playbook at …"); may be empty.
  PlaybookCache(std::string root, std::string hub_raw_url, Fetcher& fetcher,
                std::function<void(const std::string&)> info = {})
      : root_(std::move(root)),
        hub_raw_url_(std::move(hub_raw_url)),
        fetcher_(fetcher),
        info_(std::move(info)) {}

  /// The step's manifest: fetched, except when the step pins one (`sha256`) that is cached.
  /// Fails when it cannot be fetched, does not match the pin, or is malformed / unsafe.
  /// Fetched once per cache object: the manifest planned with is the one run.
  Result<RemoteManifest> manifest(const model::SetupStep& step);

  /// The step's files on disk, verified: cached files whose hash matches are kept, others are
  /// downloaded and checked ("checksum mismatch for <path>" names the file). Nothing is
  /// written outside the step's cache directory.
  Result<Bundle> fetch(const model::SetupStep& step);

  /// Downloads made by this cache (for messages and tests).
  int downloads() const { return downloads_; }

 private:
  Result<std::string> get(const std::string& url);
  Result<RemoteManifest> load_manifest(const model::SetupStep& step);
  Status fetch_file(const RemoteManifest& manifest, const ManifestEntry& entry);

  std::string root_;
  std::string hub_raw_url_;
  Fetcher& fetcher_;
  std::function<void(const std::string&)> info_;
  int downloads_ = 0;
  std::map<std::string, RemoteManifest> manifests_;  // by location + pin
};

}  // namespace jrun::provision
