#pragma once
// The QEMU command line as a pure function of a VmSpec (golden-tested per platform).

#include <cstdint>
#include <string>
#include <vector>

namespace jrun::vm {

enum class Accel { kHvf, kKvm, kTcg };
enum class Mode { kServer, kTty, kGraphic };

/// A QEMU user-net port forward: bind:host_port on this machine → guest_port in the guest.
struct PortForward {
  std::string proto = "tcp";  ///< "tcp" or "udp"
  std::string bind = "127.0.0.1";
  std::uint16_t host_port = 0;
  std::uint16_t guest_port = 0;
  bool operator==(const PortForward&) const = default;
};

/// A host directory shared over 9p; `tag` is what the guest mounts.
struct Share {
  std::string id;   ///< fsdev id, "fs_<hash>"
  std::string tag;  ///< mount tag, "jrun_<hash>"
  std::string host_path;
  bool operator==(const Share&) const = default;
};

/// Facts about this machine that decide machine type and acceleration.
struct HostFacts {
  std::string os = "Linux";     ///< uname -s: Linux, Darwin, FreeBSD
  std::string arch = "x86_64";  ///< x86_64 or aarch64
  bool kvm = false;             ///< /dev/kvm usable (Linux)
  bool hvf = false;             ///< Hypervisor.framework usable (macOS)
};

/// Hardware acceleration when this host has it, else TCG. No "kvm:tcg" chain: the explicit
/// `-cpu host` that hardware acceleration needs cannot fall back to TCG (reference bug 16).
Accel choose_accel(const HostFacts& facts);

struct VmSpec {
  std::string arch = "x86_64";
  Accel accel = Accel::kTcg;
  Mode mode = Mode::kServer;
  std::string memory = "4096M";
  int cpus = 1;
  std::string firmware_code;  ///< "" = QEMU's default (SeaBIOS) or direct kernel boot
  std::string firmware_vars;  ///< writable per-VM copy of the VARS template ("" = -bios code)
  std::string kernel, initrd, append;  ///< direct kernel boot when kernel is set
  std::string disk;                    ///< raw disk image
  std::string seed;                    ///< NoCloud cidata ISO ("" = none)
  std::uint16_t ssh_port = 2222;
  std::vector<PortForward> forwards;  ///< besides ssh, at boot (more are added live by QMP)
  std::vector<Share> shares;
  std::string pidfile, serial_log, qmp_socket;
  std::string display = "gtk";  ///< graphic mode
};

/// `qemu-system-<arch>`.
std::string qemu_binary(const std::string& arch);

/// The full argv (argv[0] = the binary). Server mode daemonizes; every mode writes the
/// pidfile and opens the QMP socket, so other jrun commands always see the VM.
std::vector<std::string> qemu_argv(const VmSpec& spec);

/// "tcp:127.0.0.1:8080-:8080": the hostfwd rule of `-netdev user` and of QMP hostfwd_add.
std::string hostfwd_rule(const PortForward& forward);

}  // namespace jrun::vm
