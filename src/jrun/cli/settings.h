#pragma once
// Settings from JRUN_* environment variables (reference §3.1), validated once at start-up.

#include <map>
#include <string>

#include "jrun/base/result.h"

namespace jrun::cli {

struct Settings {
  std::string home;                      ///< JRUN_HOME, default ~/.jrun
  std::string user_home;                 ///< HOME
  std::string provider;                  ///< JRUN_PROVIDER: "vm" or "local"
  std::string subnet = "10.17.89.0/24";  ///< JRUN_SUBNET
  std::string gateway = "10.17.89.1";    ///< first address of the subnet
  double monit_cycle = 30;               ///< JRUN_MONIT_CYCLE, seconds
  double lock_timeout = 60;              ///< JRUN_LOCK_TIMEOUT, seconds
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
};

/// Reads settings from `env`; `host_os` ("Linux", "FreeBSD", "Darwin") picks the default
/// provider. A malformed value is a usage error naming the variable.
Result<Settings> load_settings(const std::map<std::string, std::string>& env,
                               const std::string& host_os);

}  // namespace jrun::cli
