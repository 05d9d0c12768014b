#pragma once
// A playbook bundle: the entry playbook and the files it may read (templates, vars, tasks),
// rooted in one host directory. Its hash is what state records for a setup step, so a step
// re-runs when any of its files changes.

#include <string>
#include <utility>
#include <vector>

#include "jrun/base/result.h"

namespace jrun::provision {

struct Bundle {
  std::string root;                ///< absolute host directory holding the files
  std::string entry;               ///< the playbook, relative to root
  std::vector<std::string> files;  ///< relative paths (entry included), sorted
  std::string hash;                ///< bundle_hash of the files
};

/// sha256 over the sorted `path NUL sha256(content) LF` lines of (path, content sha256) pairs:
/// the same value whether computed from the files or from a verified manifest.
std::string bundle_hash(std::vector<std::pair<std::string, std::string>> path_hashes);

/// Subdirectories next to a local playbook that belong to it (Ansible's lookup places).
inline constexpr const char* kBundleDirs[] = {"templates", "files",         "vars",    "tasks",
                                              "handlers",  "roles",         "library", "group_vars",
                                              "host_vars", "filter_plugins"};

/// The bundle of a local playbook `path` (absolute): the file itself plus every regular file
/// under kBundleDirs next to it (hidden entries skipped), hashed from their content. Fails when
/// the playbook cannot be read or holds more than 2000 files / 64 MiB (a mis-placed playbook).
Result<Bundle> local_bundle(const std::string& path);

/// A POSIX ustar archive of (relative path, content) files, mode 0644, mtime 0. Pure. Fails
/// for a path that does not fit ustar's name/prefix fields.
Result<std::string> ustar(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace jrun::provision
