#pragma once
// The VM-level wiring of a base config (`base { mount; forward; }`, `jrun start --base FILE`):
// host 127.0.0.1:host → QEMU hostfwd → guest port `target`, kept alongside the jails' forwards;
// host directories as 9p shares mounted in the guest at /mnt/jrun/<tag> (as for jails) and
// bind-mounted (Linux) / nullfs-mounted (FreeBSD) at their `target`. Pure.
//
// Recorded in state.host["base"] so a later `start`/`up` re-applies it:
//   { "config": "<abs path>", "forwards": [{proto, host, target}], "mounts": [{host, target}] }

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/model/config.h"
#include "jrun/vm/qemu_argv.h"

namespace jrun::vm {

struct BaseMountPoint {
  Share share;
  std::string target;  ///< absolute guest path
  bool operator==(const BaseMountPoint&) const = default;
};

struct BaseWiring {
  std::string config;  ///< the base config file (absolute), "" = none recorded
  std::vector<PortForward> forwards;
  std::vector<BaseMountPoint> mounts;
  bool operator==(const BaseWiring&) const = default;
};

/// The wiring of `config.base` (empty without one); `config_path` is recorded as given.
BaseWiring base_wiring(const model::Config& config, const std::string& config_path);

nlohmann::ordered_json base_wiring_to_json(const BaseWiring& wiring);
/// Reads state.host["base"] (null → empty wiring); kState on a malformed record.
Result<BaseWiring> base_wiring_from_json(const nlohmann::ordered_json& json);

/// The shares the base mounts need.
std::vector<Share> base_shares(const BaseWiring& wiring);

/// The hostfwd rules QEMU should have: the jails' `forwards` with `previous_base` removed and
/// `base` added (a base forward whose proto/host port a jail already uses is left out).
std::vector<PortForward> merge_forwards(std::vector<PortForward> forwards,
                                        const std::vector<PortForward>& previous_base,
                                        const std::vector<PortForward>& base);

/// The guest script mounting the base mounts at their targets (idempotent).
std::string base_mounts_script(const std::vector<BaseMountPoint>& mounts, bool freebsd_guest);

}  // namespace jrun::vm
