#pragma once
// Live mounts of linux jails through a propagation staging dir: data_dir/jails/<name>/propagate
// is a shared bind mount on the host, bound (as a slave) at kJailStagingPath inside the jail.
// Adding a mount binds the host dir to propagate/<key> on the host (it appears in the jail at
// once) and then, inside the jail's namespaces, binds the staged dir to the jail path. Each
// applied mount is recorded as data_dir/jails/<name>/mounts/<key> holding the jail path.

#include <string>
#include <vector>

#include "jrun/model/config.h"

namespace jrun::host::linux_driver {

/// Identity of a mount: 16 hex digits of sha256(host "\0" jail). Changing either path is a
/// remove plus an add; renaming a mount changes nothing on the host.
std::string mount_key(const model::Mount& mount);

/// Shell functions (expect $D, $P = staging dir, $S = staging path in the jail, $pid = init's
/// host PID or empty when the jail is not running, `die`): jrun_mount_add KEY HOST JAIL,
/// jrun_mount_remove KEY, jrun_mount_prune KEY... (removes every recorded mount not listed).
std::string mount_functions();

/// Calls converging the recorded mounts to `mounts`: prune the others, then add the missing.
std::string mount_converge(const std::vector<model::Mount>& mounts);

}  // namespace jrun::host::linux_driver
