#pragma once
// `jrun.manifest`: sha256sum-style lines `<64 hex><whitespace><relative path>` naming every file
// of a hub playbook directory (reference §6.3, §11). Pure.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/base/result.h"

namespace jrun::provision {

struct ManifestEntry {
  std::string sha256;  ///< 64 lower-case hex digits
  std::string path;    ///< relative to the playbook directory, '/'-separated
};

/// Parses a manifest. Blank lines are skipped; a path may contain spaces (sha256sum's `*` binary
/// marker is accepted). Fails (kRuntime, naming the line) for a malformed line, a path that is
/// absolute, contains "." / ".." segments, a backslash, a NUL or a control character (it would
/// escape the cache directory or confuse a terminal), a duplicate path, or when `entry` is not
/// listed.
Result<std::vector<ManifestEntry>> parse_manifest(std::string_view text, std::string_view entry);

}  // namespace jrun::provision
