#pragma once
// Snapshots of linux jails (SPEC §8): a snapshot is a frozen copy of the jail's overlay upper
// layer (its writes), taken while the jail's processes are frozen by the cgroup freezer, so it is
// consistent like a disk after a power cut. Copies use reflinks where the file system allows.
// Rollback puts the copy back (newer snapshots are destroyed, like `zfs rollback -r`) and starts
// the jail again with the scripts the driver saved at its last create and apply.
//
// On the host: $D/snapshots/<name>/{upper,created,order}; $D/start.sh, $D/reapply.sh.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/host/linux/layout.h"

namespace jrun::host::linux_driver {

/// Freezes the jail (when it runs), copies its upper layer to the snapshot, thaws it.
std::string snapshot_create_script(const std::string& name, const std::string& snapshot,
                                   const LinuxLayout& layout);
/// Prints `snapshot <order> <created> <used bytes> <name>` per snapshot.
std::string snapshot_list_script(const std::string& name, const LinuxLayout& layout);
/// Parses snapshot_list_script's output, oldest first (unknown lines ignored).
std::vector<Snapshot> parse_snapshot_list(std::string_view out);
/// Stops the jail keeping its writes, replaces them with the snapshot's, destroys newer
/// snapshots and starts the jail again (start.sh, then reapply.sh) if it was running.
std::string snapshot_rollback_script(const std::string& name, const std::string& snapshot,
                                     const LinuxLayout& layout);
std::string snapshot_delete_script(const std::string& name, const std::string& snapshot,
                                   const LinuxLayout& layout);

/// Shell text that saves `script` as the jail dir's `file` ("start.sh" or "reapply.sh"),
/// atomically; appended by the driver to the create and apply scripts it runs.
std::string save_script_snippet(const std::string& name, const LinuxLayout& layout,
                                std::string_view file, std::string_view script);

}  // namespace jrun::host::linux_driver
