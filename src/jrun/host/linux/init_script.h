#pragma once
// The init of a linux jail: a script run as PID 1 in the jail's fresh pid, mount, uts, ipc and
// cgroup namespaces (inside its net namespace). It records its host PID, builds the jail's mount
// table on the overlay root the host mounted, pivots into it, writes the jail's files and
// becomes `tini -s -- monit -I`.

#include <string>
#include <vector>

namespace jrun::host::linux_driver {

struct LinuxLayout;

/// A file the init writes inside the jail after pivot_root (so symlinks in the jail's own tree
/// resolve inside the jail, never on the host).
struct JailFile {
  std::string path;  ///< absolute path inside the jail
  unsigned mode = 0644;
  std::string content;
};

/// What the init script needs to know.
struct InitSpec {
  std::string name;
  bool bind_host_usr = true;    ///< release `host`: the host's /usr, read-only
  bool reset_identity = false;  ///< a clone: forget the base's machine-id and ssh host keys
  std::vector<JailFile> files;  ///< identity and supervision files
};

/// Shell text writing `files` verbatim with their modes, creating parent directories: one mkdir,
/// one chmod per mode (every command is a fork; a jail start runs this).
std::string write_files(const std::vector<JailFile>& files);

/// The init script text (stored as data_dir/jails/<name>/init.sh and run by /bin/sh).
std::string init_script(const InitSpec& spec, const LinuxLayout& layout);

}  // namespace jrun::host::linux_driver
