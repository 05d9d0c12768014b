#include "jrun/vm/qemu_argv.h"

namespace jrun::vm {
namespace {

/// QEMU's option syntax separates key=value pairs with ','; a literal comma is doubled.
std::string opt(const std::string& value) {
  std::string out;
  for (char c : value) {
    out += c;
    if (c == ',') out += ',';
  }
  return out;
}

bool is_x86(const VmSpec& spec) { return spec.arch == "x86_64"; }

/// Virtio devices are PCI on q35 and MMIO-less PCI on virt too, but aarch64 names them -device.
std::string virtio(const VmSpec& spec, const std::string& device) {
  return device + (is_x86(spec) ? "-pci" : "-device");
}

const char* accel_name(Accel accel) {
  switch (accel) {
    case Accel::kHvf:
      return "hvf";
    case Accel::kKvm:
      return "kvm";
    case Accel::kTcg:
      return "tcg";
  }
  return "tcg";
}

void add(std::vector<std::string>& argv, std::initializer_list<std::string> items) {
  argv.insert(argv.end(), items);
}

void add_machine(const VmSpec& spec, std::vector<std::string>& argv) {
  const std::string machine = is_x86(spec) ? "q35" : "virt";
  add(argv, {"-machine", machine + ",accel=" + accel_name(spec.accel)});
  add(argv, {"-cpu", spec.accel == Accel::kTcg ? "max" : "host"});
  add(argv, {"-smp", std::to_string(spec.cpus), "-m", spec.memory});
}

void add_boot(const VmSpec& spec, std::vector<std::string>& argv) {
  if (!spec.kernel.empty()) {
    add(argv, {"-kernel", spec.kernel});
    if (!spec.initrd.empty()) add(argv, {"-initrd", spec.initrd});
    if (!spec.append.empty()) add(argv, {"-append", spec.append});
    return;
  }
  if (spec.firmware_code.empty()) return;
  if (spec.firmware_vars.empty()) {
    add(argv, {"-bios", spec.firmware_code});
    return;
  }
  add(argv, {"-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + opt(spec.firmware_code)});
  add(argv, {"-drive", "if=pflash,format=raw,unit=1,file=" + opt(spec.firmware_vars)});
}

void add_disks(const VmSpec& spec, std::vector<std::string>& argv) {
  add(argv, {"-drive", "if=virtio,format=raw,discard=unmap,file=" + opt(spec.disk)});
  // The seed is a virtio disk too: both Linux (blkid -L cidata) and FreeBSD (GEOM label
  // iso9660/cidata) find it by its volume label, and it needs no AHCI/CD driver.
  if (!spec.seed.empty()) {
    add(argv, {"-drive", "if=virtio,format=raw,readonly=on,file=" + opt(spec.seed)});
  }
}

void add_network(const VmSpec& spec, std::vector<std::string>& argv) {
  std::string netdev = "user,id=net0";
  netdev += ",hostfwd=" + hostfwd_rule({"tcp", "127.0.0.1", spec.ssh_port, 22});
  for (const PortForward& f : spec.forwards) netdev += ",hostfwd=" + hostfwd_rule(f);
  add(argv, {"-netdev", netdev, "-device", virtio(spec, "virtio-net") + ",netdev=net0"});
}

void add_shares(const VmSpec& spec, std::vector<std::string>& argv) {
  for (const Share& s : spec.shares) {
    add(argv, {"-fsdev", "local,id=" + opt(s.id) + ",path=" + opt(s.host_path) +
                             ",security_model=none,readonly=off"});
    add(argv, {"-device",
               virtio(spec, "virtio-9p") + ",fsdev=" + opt(s.id) + ",mount_tag=" + opt(s.tag)});
  }
}

void add_mode(const VmSpec& spec, std::vector<std::string>& argv) {
  add(argv, {"-qmp", "unix:" + opt(spec.qmp_socket) + ",server=on,wait=off"});
  add(argv, {"-pidfile", spec.pidfile});
  switch (spec.mode) {
    case Mode::kServer:
      add(argv, {"-serial", "file:" + spec.serial_log, "-display", "none", "-daemonize"});
      return;
    case Mode::kTty:
      add(argv, {"-nographic", "-serial", "mon:stdio"});
      return;
    case Mode::kGraphic:
      add(argv, {"-serial", "file:" + spec.serial_log, "-display", spec.display});
      add(argv, {"-device", "ramfb", "-device", "qemu-xhci", "-device", "usb-kbd", "-device",
                 "usb-tablet"});
      return;
  }
}

}  // namespace

Accel choose_accel(const HostFacts& facts) {
  if (facts.os == "Darwin" && facts.hvf) return Accel::kHvf;
  if (facts.os == "Linux" && facts.kvm) return Accel::kKvm;
  return Accel::kTcg;
}

std::string qemu_binary(const std::string& arch) { return "qemu-system-" + arch; }

std::string hostfwd_rule(const PortForward& f) {
  return f.proto + ":" + f.bind + ":" + std::to_string(f.host_port) +
         "-:" + std::to_string(f.guest_port);
}

std::vector<std::string> qemu_argv(const VmSpec& spec) {
  std::vector<std::string> argv{qemu_binary(spec.arch), "-name", "jrun"};
  add_machine(spec, argv);
  add_boot(spec, argv);
  add_disks(spec, argv);
  add_network(spec, argv);
  add_shares(spec, argv);
  add_mode(spec, argv);
  return argv;
}

}  // namespace jrun::vm
