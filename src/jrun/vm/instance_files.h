#pragma once
// Where one VM instance keeps its files (under $JRUN_HOME/vm), and the record of how the
// running QEMU was launched (vm.json): ssh port, live forwards, 9p shares, mode, start time.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/vm/qemu_argv.h"

namespace jrun::vm {

struct InstancePaths {
  std::string dir;  ///< $JRUN_HOME/vm

  std::string pidfile() const { return dir + "/qemu.pid"; }
  std::string qmp_socket() const { return dir + "/qmp.sock"; }
  std::string serial_log() const { return dir + "/serial.log"; }
  std::string disk() const { return dir + "/disk.raw"; }
  std::string seed() const { return dir + "/seed.iso"; }
  std::string efi_vars() const { return dir + "/efi-vars.fd"; }
  std::string record() const { return dir + "/vm.json"; }
  std::string ssh_dir() const { return dir + "/ssh"; }
  std::string key() const { return ssh_dir() + "/id_ed25519"; }
  std::string known_hosts() const { return ssh_dir() + "/known_hosts"; }
  std::string control_path() const { return ssh_dir() + "/control"; }
};

/// How the running (or last) QEMU was launched.
struct VmRecord {
  std::uint16_t ssh_port = 0;
  std::vector<PortForward> forwards;  ///< hostfwd rules live now (boot-time and QMP-added)
  std::vector<Share> shares;          ///< 9p shares QEMU was started with (fixed until restart)
  std::string mode = "server";
  std::int64_t started_at = 0;  ///< unix seconds
  std::string guest_os;         ///< uname -s of the guest, once known
};

nlohmann::json record_to_json(const VmRecord& record);
/// Fails (kState) on a malformed record, naming `where`.
Result<VmRecord> record_from_json(const nlohmann::json& json, const std::string& where);

/// The 9p share of a host directory: id/tag from the first 10 hex digits of its SHA-256, so
/// the same directory keeps its tag across restarts (reference §3.4).
Share share_for(const std::string& host_path);

/// Where the guest mounts a share: /mnt/jrun/<tag>.
std::string guest_share_path(const Share& share);

}  // namespace jrun::vm
