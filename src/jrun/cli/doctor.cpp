#include "jrun/cli/doctor.h"

namespace jrun::cli {
namespace {

using Level = Finding::Level;

// Package of a program per package manager ("" = same name as the apt package).
struct Package {
  const char* apt;
  const char* dnf;
  const char* pacman;
  const char* brew;
  const char* pkg;
};

std::string install(const DoctorFacts& f, const Package& p) {
  if (f.package_manager == "apt") return std::string("sudo apt-get install ") + p.apt;
  if (f.package_manager == "dnf") return std::string("sudo dnf install ") + p.dnf;
  if (f.package_manager == "pacman") return std::string("sudo pacman -S ") + p.pacman;
  if (f.package_manager == "brew") return std::string("brew install ") + p.brew;
  if (f.package_manager == "pkg") return std::string("pkg install ") + p.pkg;
  return std::string("install ") + p.apt + " with your package manager";
}

std::string qemu_binary(const DoctorFacts& f) {
  return f.arch == "aarch64" || f.arch == "arm64" ? "qemu-system-aarch64" : "qemu-system-x86_64";
}

void program(std::vector<Finding>& out, const DoctorFacts& f, const std::string& name,
             const Package& p, Level when_missing = Level::kMissing) {
  if (f.programs.count(name) != 0) {
    out.push_back({Level::kOk, name, "found", ""});
  } else {
    out.push_back({when_missing, name, "not found", install(f, p)});
  }
}

void vm_checks(std::vector<Finding>& out, const DoctorFacts& f) {
  const bool arm = qemu_binary(f) == "qemu-system-aarch64";
  program(
      out, f, qemu_binary(f),
      arm ? Package{"qemu-system-arm", "qemu-system-aarch64", "qemu-system-aarch64", "qemu", "qemu"}
          : Package{"qemu-system-x86", "qemu-system-x86", "qemu-system-x86", "qemu", "qemu"});
  program(out, f, "qemu-img", {"qemu-utils", "qemu-img", "qemu-img", "qemu", "qemu"});
  bool firmware = f.os == "Darwin" || f.os == "FreeBSD";  // brew/pkg qemu ship their firmware
  for (const std::string& path : doctor_paths(f.arch)) {
    if (path.find("VMF") != std::string::npos && f.files.count(path) != 0) firmware = true;
  }
  out.push_back(firmware ? Finding{Level::kOk, "UEFI firmware", "found", ""}
                         : Finding{Level::kMissing, "UEFI firmware", "not found",
                                   install(f, arm ? Package{"qemu-efi-aarch64", "edk2-aarch64",
                                                            "edk2-aarch64", "qemu", "qemu"}
                                                  : Package{"ovmf", "edk2-ovmf", "edk2-ovmf",
                                                            "qemu", "qemu"})});
  out.push_back(
      f.kvm
          ? Finding{Level::kOk, "acceleration", "hardware (KVM/HVF)", ""}
          : Finding{Level::kWarning, "acceleration", "none: the VM runs under TCG emulation (slow)",
                    f.os == "Linux" ? "sudo modprobe kvm; sudo usermod -aG kvm $USER" : ""});
}

void local_linux_checks(std::vector<Finding>& out, const DoctorFacts& f) {
  out.push_back(
      f.root ? Finding{Level::kOk, "root", "yes", ""}
             : Finding{Level::kMissing, "root", "the local provider needs root", "sudo jrun ..."});
  program(out, f, "monit", {"monit", "monit", "monit", "monit", "monit"});
  program(out, f, "nft", {"nftables", "nftables", "nftables", "", ""});
  program(out, f, "tini", {"tini", "tini", "tini", "", ""});
  program(out, f, "nsenter", {"util-linux", "util-linux", "util-linux", "", ""});
  program(out, f, "ip", {"iproute2", "iproute", "iproute2", "", ""});
  struct Feature {
    const char* path;
    const char* what;
  };
  for (const Feature& k : {Feature{"/proc/self/ns/cgroup", "cgroup namespaces"},
                           Feature{"/proc/self/ns/pid", "PID namespaces"},
                           Feature{"/proc/self/ns/net", "network namespaces"}}) {
    out.push_back(f.files.count(k.path) != 0
                      ? Finding{Level::kOk, k.what, "available", ""}
                      : Finding{Level::kMissing, k.what, "missing (" + std::string(k.path) + ")",
                                "use a kernel with namespaces and cgroup v2 (Linux 5.x+)"});
  }
  const bool v2 = f.files.count("/sys/fs/cgroup/cgroup.controllers") != 0;
  const bool v1 = f.files.count("/sys/fs/cgroup/memory") != 0;
  out.push_back(v2 || v1 ? Finding{Level::kOk, "cgroups", v2 ? "v2" : "v1", ""}
                         : Finding{Level::kWarning, "cgroups", "not mounted: `limits` cannot apply",
                                   "sudo mount -t cgroup2 none /sys/fs/cgroup"});
  out.push_back(f.files.count("overlay") != 0
                    ? Finding{Level::kOk, "overlayfs", "available", ""}
                    : Finding{Level::kMissing, "overlayfs", "not in /proc/filesystems",
                              "sudo modprobe overlay"});
}

void home_and_ports(std::vector<Finding>& out, const DoctorFacts& f) {
  if (!f.home_exists) {
    out.push_back({Level::kOk, "$JRUN_HOME", f.home + " (created on first use)", ""});
  } else if (!f.home_private) {
    out.push_back({Level::kMissing, "$JRUN_HOME", f.home + " is writable by others or not yours",
                   "chmod 0700 " + f.home});
  } else {
    out.push_back({Level::kOk, "$JRUN_HOME", f.home, ""});
  }
  for (const auto& [forward, listener] : f.forwards_taken) {
    const std::string port = forward.substr(forward.rfind(':') + 1);
    out.push_back(
        {Level::kWarning, "forward " + forward,
         "something else listens on " + listener + ":" + port +
             "; the forward answers in its place",
         "find it with: ss -ltnup 'sport = :" + port + "', then stop it or move the forward"});
  }
  for (const auto& [port, free] : f.ports_free) {
    const std::string what = "port " + std::to_string(port);
    out.push_back(free ? Finding{Level::kOk, what, "free on 127.0.0.1", ""}
                       : Finding{Level::kMissing, what, "in use on 127.0.0.1",
                                 "find it with: ss -ltnp 'sport = :" + std::to_string(port) + "'"});
  }
}

}  // namespace

std::vector<std::string> doctor_paths(const std::string& arch) {
  std::vector<std::string> out = {"/proc/self/ns/cgroup", "/proc/self/ns/pid", "/proc/self/ns/net",
                                  "/sys/fs/cgroup/cgroup.controllers", "/sys/fs/cgroup/memory"};
  if (arch == "aarch64" || arch == "arm64") {
    out.insert(out.end(), {"/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/edk2/aarch64/QEMU_EFI.fd",
                           "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd"});
  } else {
    out.insert(out.end(),
               {"/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_CODE_4M.fd",
                "/usr/share/edk2/ovmf/OVMF_CODE.fd", "/usr/share/ovmf/x64/OVMF_CODE.fd"});
  }
  return out;
}

std::vector<Finding> doctor_findings(const DoctorFacts& f) {
  std::vector<Finding> out;
  if (f.provider == "vm") vm_checks(out, f);
  program(out, f, "ssh",
          {"openssh-client", "openssh-clients", "openssh", "openssh", "openssh-portable"});
  program(out, f, "ansible-playbook",
          {"ansible-core", "ansible-core", "ansible", "ansible", "py311-ansible"}, Level::kWarning);
  if (f.provider == "local" && f.os == "Linux") local_linux_checks(out, f);
  home_and_ports(out, f);
  return out;
}

}  // namespace jrun::cli
