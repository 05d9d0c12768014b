#pragma once
// Where the linux driver keeps things on the jail host, and the names of host-wide objects.
// Shared by the runtime (linux_driver, runtime scripts) and the network/supervision generators.

#include <string>

namespace jrun::host::linux_driver {

/// Paths and names of the linux driver on one jail host. A value: the CLI builds it from
/// $JRUN_HOME (data_dir = $JRUN_HOME/linux); tests use a temp dir and their own bridge.
struct LinuxLayout {
  std::string data_dir;                ///< jail layers, releases, pid files (absolute)
  std::string bridge = "jrun0";        ///< host bridge the jails' veths attach to
  std::string nft_table = "jrun";      ///< nftables table (inet) holding NAT and forwards
  std::string cgroup = "jrun";         ///< parent cgroup (v1: under each controller; v2: unified)
  std::string netns_prefix = "jrun-";  ///< persistent net namespaces: <prefix><name>

  /// data_dir/jails/<name>: everything of one jail (upper, work, root, pid, log, propagate).
  std::string jail_dir(const std::string& name) const { return data_dir + "/jails/" + name; }
  /// Merged overlay root of a jail, as seen from the host while it runs.
  std::string root_dir(const std::string& name) const { return jail_dir(name) + "/root"; }
  /// Overlay upper (the jail's writes).
  std::string upper_dir(const std::string& name) const { return jail_dir(name) + "/upper"; }
  /// Host PID of the jail's init (tini, PID 1 inside).
  std::string pid_file(const std::string& name) const { return jail_dir(name) + "/pid"; }
  /// Shared bind-mount staging dir for live mounts (mounted at kJailStagingPath inside).
  std::string propagate_dir(const std::string& name) const { return jail_dir(name) + "/propagate"; }
  /// Cached release lower dirs: data_dir/releases/<release>.
  std::string release_dir(const std::string& release) const {
    return data_dir + "/releases/" + release;
  }
};

/// Hidden path inside every jail where the propagation staging dir is mounted.
inline constexpr const char* kJailStagingPath = "/run/.jrun-mounts";

}  // namespace jrun::host::linux_driver
