#pragma once
// Settings from JRUN_* environment variables (reference §3.1), validated once at start-up.

#include <map>
#include <string>

#include "jrun/base/result.h"

namespace jrun::cli {

/// JRUN_VM_*: the vm provider's QEMU instance.
struct VmSettings {
  std::string image;         ///< JRUN_VM_IMAGE: local disk image or URL ("" = FreeBSD default)
  std::string image_sha512;  ///< JRUN_VM_IMAGE_SHA512
  std::string kernel, initrd, append;  ///< JRUN_VM_KERNEL/INITRD/APPEND: direct kernel boot
  std::string memory = "4096M";        ///< JRUN_VM_MEMORY (QEMU -m syntax: 4096M, 4G)
  int cpus = 0;                        ///< JRUN_VM_CPUS, 0 = automatic
  std::string disk = "20G";            ///< JRUN_VM_DISK: disk size
  int ssh_port = 2222;                 ///< JRUN_VM_SSH_PORT (next free one when taken)
  double ready_timeout = 300;          ///< JRUN_VM_READY_TIMEOUT: boot → ssh, seconds
  double stop_timeout = 90;            ///< JRUN_VM_STOP_TIMEOUT: ACPI power-off wait, seconds
};

/// Reads JRUN_VM_* into `vm`; a malformed value is a usage error naming the variable.
Status load_vm_settings(const std::map<std::string, std::string>& env, VmSettings& vm);

struct Settings {
  std::string home;                      ///< JRUN_HOME, default ~/.jrun
  std::string user_home;                 ///< HOME
  std::string provider;                  ///< JRUN_PROVIDER: "vm" or "local"
  std::string subnet = "10.17.89.0/24";  ///< JRUN_SUBNET
  std::string gateway = "10.17.89.1";    ///< first address of the subnet
  double monit_cycle = 30;               ///< JRUN_MONIT_CYCLE, seconds
  double lock_timeout = 60;              ///< JRUN_LOCK_TIMEOUT, seconds
  bool trace = false;                    ///< JRUN_TRACE: timings of each phase on stderr
  /// JRUN_BRIDGE: the local provider's bridge (also names its nftables table, cgroup and net
  /// namespaces); "" = the driver's defaults. At most 15 characters [a-z0-9-].
  std::string bridge;
  /// JRUN_HUB_RAW_URL: raw files of the playbook hub (hub://NAME/CHANNEL@REF ->
  /// <url>/REF/playbooks/NAME/CHANNEL/<file>); no trailing '/'.
  std::string hub_raw_url = "https://raw.githubusercontent.com/hyphatech/jailrun-hub";
  /// JRUN_DRIVER: the local provider's driver, "linux" or "freebsd"; default by host OS.
  std::string driver;
  /// JRUN_HOST_ROOT: prefix of every jail-host path the freebsd driver writes ("" = /). For
  /// tests with fake FreeBSD commands, and for preparing a mounted image.
  std::string host_root;
  /// JRUN_FREEBSD_UPLINK, JRUN_FREEBSD_ZPOOL, JRUN_FREEBSD_DNS: on a FreeBSD host (local
  /// provider) the uplink for NAT and forwards, the ZFS pool and local_unbound's upstream
  /// resolvers (comma-separated); "" = detected (route -n get default, the pool of /,
  /// /etc/resolv.conf).
  std::string freebsd_uplink, freebsd_zpool, freebsd_dns;
  /// Not a variable: `up --without-limits` (FreeBsdLayout::without_limits).
  bool without_limits = false;
  VmSettings vm;
};

/// Reads settings from `env`; `host_os` ("Linux", "FreeBSD", "Darwin") picks the default
/// provider. A malformed value is a usage error naming the variable.
Result<Settings> load_settings(const std::map<std::string, std::string>& env,
                               const std::string& host_os);

}  // namespace jrun::cli
