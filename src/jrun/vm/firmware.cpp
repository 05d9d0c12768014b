#include "jrun/vm/firmware.h"

#include "jrun/base/path.h"

namespace jrun::vm {
namespace {

std::vector<std::string> linux_candidates(std::string_view arch) {
  if (arch == "x86_64") {
    return {"/usr/share/OVMF/OVMF_CODE.fd",
            "/usr/share/OVMF/OVMF_CODE_4M.fd",
            "/usr/share/ovmf/OVMF.fd",
            "/usr/share/edk2/ovmf/OVMF_CODE.fd",
            "/usr/share/edk2/x64/OVMF_CODE.4m.fd",
            "/usr/share/qemu/OVMF.fd",
            "/usr/share/qemu/ovmf-x86_64-code.bin",
            "/usr/share/qemu/ovmf-x86_64-ms-code.bin",
            "/usr/share/qemu/ovmf-x86_64-ms-4m-code.bin",
            "/run/libvirt/nix-ovmf/OVMF_CODE.fd",
            "/run/libvirt/nix-ovmf/OVMF_CODE_4M.fd"};
  }
  return {"/usr/share/AAVMF/AAVMF_CODE.fd",         "/usr/share/AAVMF/AAVMF_CODE_4M.fd",
          "/usr/share/edk2/aarch64/QEMU_EFI.fd",    "/usr/share/edk2/aarch64/OVMF_CODE.fd",
          "/usr/share/qemu/aavmf-aarch64-code.bin", "/run/libvirt/nix-ovmf/AAVMF_CODE.fd",
          "/run/libvirt/nix-ovmf/QEMU_EFI.fd"};
}

bool supported_arch(std::string_view arch) { return arch == "x86_64" || arch == "aarch64"; }

/// `text` with the last occurrence of `from` replaced by `to`, or "" when absent.
std::string replace_last(std::string_view text, std::string_view from, std::string_view to) {
  std::size_t at = text.rfind(from);
  if (at == std::string_view::npos) return "";
  return std::string(text.substr(0, at)) + std::string(to) +
         std::string(text.substr(at + from.size()));
}

std::string vars_name(std::string_view name) {
  if (name == "OVMF.fd") return "OVMF_VARS.fd";
  if (name == "QEMU_EFI.fd") return "QEMU_VARS.fd";
  // QEMU's own edk2 builds share one variable store per family.
  if (name == "edk2-aarch64-code.fd") return "edk2-arm-vars.fd";
  if (name == "edk2-x86_64-code.fd") return "edk2-i386-vars.fd";
  std::string upper = replace_last(name, "CODE", "VARS");
  return upper.empty() ? replace_last(name, "code", "vars") : upper;
}

Error not_found(const FirmwareQuery& query, const std::vector<std::string>& checked) {
  std::string message =
      "could not find UEFI firmware for QEMU (" + query.os + "/" + query.arch + ").\nChecked:\n";
  for (const std::string& path : checked) message += "  " + path + "\n";
  message += "Install it (" + firmware_install_hint(query.os, query.arch) +
             ") or set JRUN_QEMU_BIOS to a firmware file.";
  return make_error(ErrorCode::kRuntime, message);
}

}  // namespace

std::vector<std::string> firmware_candidates(std::string_view os, std::string_view arch) {
  if (!supported_arch(arch)) return {};
  std::string a(arch);
  if (os == "Darwin") {
    return {"/opt/homebrew/share/qemu/edk2-" + a + "-code.fd",
            "/usr/local/share/qemu/edk2-" + a + "-code.fd"};
  }
  if (os == "Linux") return linux_candidates(arch);
  if (os == "FreeBSD") {
    if (arch == "x86_64") {
      return {"/usr/local/share/edk2-qemu/QEMU_UEFI-x86_64.fd",
              "/usr/local/share/edk2-qemu/QEMU_UEFI_CODE-x86_64.fd"};
    }
    return {"/usr/local/share/qemu/edk2-aarch64-code.fd"};
  }
  return {};
}

std::string vars_template_for(std::string_view code) {
  std::string name = base_name(code);
  std::string vars = vars_name(name);
  if (vars.empty()) return "";
  std::string dir = dir_name(code);
  return dir == "." && code.find('/') == std::string_view::npos ? vars : dir + "/" + vars;
}

std::string firmware_install_hint(std::string_view os, std::string_view arch) {
  if (os == "Darwin") return "brew install qemu";
  if (os == "FreeBSD") return arch == "x86_64" ? "pkg install edk2-qemu-x64" : "pkg install qemu";
  if (arch == "aarch64") return "sudo apt install qemu-efi-aarch64, or dnf install edk2-aarch64";
  return "sudo apt install ovmf, or dnf install edk2-ovmf";
}

Result<Firmware> find_firmware(const FileSystem& fs, const FirmwareQuery& query) {
  if (!query.override_path.empty()) {
    if (!fs.exists(query.override_path)) {
      return make_error(ErrorCode::kUsage,
                        "JRUN_QEMU_BIOS: no such firmware file: " + query.override_path);
    }
    return Firmware{query.override_path, ""};
  }
  std::vector<std::string> candidates = firmware_candidates(query.os, query.arch);
  if (candidates.empty()) {
    return make_error(ErrorCode::kRuntime, "running VMs on " + query.os + "/" + query.arch +
                                               " is not supported (Linux, macOS and FreeBSD on "
                                               "x86_64 or aarch64 are)");
  }
  for (const std::string& code : candidates) {
    if (!fs.exists(code)) continue;
    std::string vars = vars_template_for(code);
    return Firmware{code, !vars.empty() && fs.exists(vars) ? vars : ""};
  }
  if (query.os == "Darwin") return Firmware{"edk2-" + query.arch + "-code.fd", ""};
  return not_found(query, candidates);
}

}  // namespace jrun::vm
