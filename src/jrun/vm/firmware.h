#pragma once
// UEFI firmware for the VM: the reference's candidate lists per OS and arch, probed through a
// FileSystem, and the writable per-VM copy of the variable store.
//
//   firmware_candidates(os, arch) -> code files to try, in order (pure)
//   vars_template_for(code)       -> its VARS template by the reference's naming rule (pure)
//   find_firmware(fs, query)      -> first existing code file + existing VARS template, or an
//                                    error listing what was searched and how to install it
//   prepare_vars(firmware, dest, fresh) -> copies the template to `dest` (adapter)
//
// With a VARS template QEMU gets two pflash drives (code read-only, the copy writable);
// without one, `-bios <code>`.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/base/filesystem.h"
#include "jrun/base/result.h"

namespace jrun::vm {

struct FirmwareQuery {
  std::string os = "Linux";     ///< uname -s: Linux, Darwin, FreeBSD
  std::string arch = "x86_64";  ///< x86_64 or aarch64
  std::string override_path;    ///< JRUN_QEMU_BIOS: used as is (with -bios) when set
};

struct Firmware {
  std::string code;           ///< path, or on macOS a bare name QEMU finds in its data dir
  std::string vars_template;  ///< "" = none (boot with -bios code)
  bool operator==(const Firmware&) const = default;
};

/// The code files the reference tries for this OS and arch, in order; empty when unsupported.
std::vector<std::string> firmware_candidates(std::string_view os, std::string_view arch);

/// The VARS template that goes with a code file (same directory: CODE→VARS, code→vars,
/// QEMU_EFI→QEMU_VARS, OVMF.fd→OVMF_VARS.fd, edk2-aarch64-code→edk2-arm-vars,
/// edk2-x86_64-code→edk2-i386-vars); "" for a combined image.
std::string vars_template_for(std::string_view code);

/// How to install firmware on this OS ("sudo apt install ovmf", "brew install qemu", ...).
std::string firmware_install_hint(std::string_view os, std::string_view arch);

/// The first candidate that exists, with its VARS template when that exists too. An override
/// must exist (kUsage error otherwise). Nothing found → kRuntime error listing every path
/// checked and the install command; on macOS QEMU's own data dir is the last resort.
Result<Firmware> find_firmware(const FileSystem& fs, const FirmwareQuery& query);

/// Copies the firmware's VARS template to `dest` (0600) unless `dest` exists and `fresh` is
/// false, so UEFI variables survive reboots; returns `dest`, or "" when the firmware has no
/// variable store. I/O failures → kRuntime error naming the file.
Result<std::string> prepare_vars(const Firmware& firmware, const std::string& dest, bool fresh);

}  // namespace jrun::vm
