#pragma once
// Releases of the linux driver: the read-only lower layer under every jail's overlay. Built once
// per jail host and cached under data_dir/releases/<release>; every builder is idempotent and
// serialised by a lock, so parallel creates build a release once.

#include <string>
#include <string_view>

#include "jrun/base/result.h"

namespace jrun::host::linux_driver {

inline constexpr std::string_view kReleaseHost = "host";
inline constexpr std::string_view kReleaseDebian12 = "debian-12";

/// The release a jail uses: "" means the driver's default, "host".
std::string resolve_release(std::string_view release);

/// Fails (kConfig) for a release this driver cannot build.
Status check_release(std::string_view release);

/// Shell text (expects $DATA and `die`) that makes sure the release is built and sets $L to its
/// directory. `release` must have passed check_release.
std::string release_snippet(std::string_view release);

/// True when the release brings its own /usr (debian-12); false when the host's /usr is bound
/// read-only into the jail (host).
bool release_has_own_usr(std::string_view release);

}  // namespace jrun::host::linux_driver
