#pragma once
// Where a setup step's playbook comes from (reference §6.3), as values. Pure.
//
//   file                                  -> a local playbook (path already absolute)
//   https://github.com/O/R/blob/REF/P     -> raw files under
//   https://raw.githubusercontent.com/O/R/REF/dir(P)/ hub://NAME/CHANNEL[@REF]              -> raw
//   files under $JRUN_HUB_RAW_URL/REF/playbooks/NAME/CHANNEL/
//                                            (entry playbook.yml, REF defaults to "main")

#include <string>
#include <string_view>

#include "jrun/base/result.h"

namespace jrun::provision {

/// The reference's hub: hyphatech/jailrun-hub on GitHub, raw files.
inline constexpr std::string_view kDefaultHubRawUrl =
    "https://raw.githubusercontent.com/hyphatech/jailrun-hub";

/// A downloaded playbook directory: every file listed by `<raw_dir>jrun.manifest`.
struct RemoteSource {
  std::string label;    ///< "hyphatech/jailrun-hub" or "hub" (messages, cache dir name)
  std::string ref;      ///< branch, tag or commit
  std::string dir;      ///< directory inside the repository ("playbooks/nginx/rolling")
  std::string raw_dir;  ///< URL of that directory, ending in '/'
  std::string entry;    ///< playbook file relative to the directory ("playbook.yml")

  /// URL of a file of the directory (`relative` as listed in the manifest).
  std::string url_of(std::string_view relative) const { return raw_dir + std::string(relative); }
  /// The manifest's URL.
  std::string manifest_url() const { return url_of("jrun.manifest"); }
};

/// Resolves a `url` of a setup step. `hub_raw_url` is JRUN_HUB_RAW_URL (no trailing '/').
/// Fails (kConfig) for anything that is neither a GitHub blob URL nor a valid hub:// path,
/// and for refs or paths with "..", empty segments or characters outside [A-Za-z0-9._@+-].
Result<RemoteSource> resolve_url(std::string_view url, std::string_view hub_raw_url);

/// Cache directory name of a remote source, as the reference:
/// `<label tail>_<ref with [^A-Za-z0-9_.-] -> _>_<sha256(raw_dir)[:12]>`. Keyed by the raw
/// directory URL, so two hubs never share a cache entry.
std::string cache_dir_name(const RemoteSource& source);

}  // namespace jrun::provision
