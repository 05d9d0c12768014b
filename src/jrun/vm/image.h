#pragma once
// VM base images, the pure part: where an image comes from, checksum files, sizes, qemu-img argv.
//
//   freebsd_image(arch, version, tag)  -> the reference's BASIC-CLOUDINIT-zfs default
//   custom_image(image, sha512, cwd)   -> JRUN_VM_IMAGE (local file or URL) + JRUN_VM_IMAGE_SHA512
//   find_checksum(text, file, origin)  -> hex from CHECKSUM.SHA512 (BSD or GNU lines)
//   parse_size("20G")                  -> bytes (K/M/G/T binary, decimals allowed)
//   qemu_img_info / qemu_img_resize    -> argv; parse_virtual_size reads `info --output=json`
//
// The adapters that download, verify and decompress are in image_files.h and image_store.h.

#include <cstdint>
#include <string>
#include <string_view>

#include "jrun/base/result.h"
#include "jrun/host/process.h"

namespace jrun::vm {

/// Where a base image comes from and how to check it.
struct ImageSource {
  std::string location;      ///< URL (http, https, file) or absolute local path
  std::string file_name;     ///< name in the cache (last component of the location)
  std::string sha512;        ///< expected lower-case hex; "" = look up in checksum_url
  std::string checksum_url;  ///< CHECKSUM.SHA512 listing file_name; "" = not verified
  bool local = false;        ///< a local file: used in place, never removed
  bool operator==(const ImageSource&) const = default;
};

/// The FreeBSD BASIC-CLOUDINIT-zfs VM image of the reference for "x86_64" or "aarch64", with its
/// release CHECKSUM.SHA512. Unknown arch → kUsage error.
Result<ImageSource> freebsd_image(std::string_view arch, std::string_view version = "15.0",
                                  std::string_view tag = "RELEASE");

/// JRUN_VM_IMAGE (a URL, or a path made absolute against `cwd`) and the optional
/// JRUN_VM_IMAGE_SHA512. A checksum that is not 128 hex digits → kUsage error.
Result<ImageSource> custom_image(std::string_view image, std::string_view sha512,
                                 std::string_view cwd);

/// True for http://, https:// and file:// locations.
bool is_url(std::string_view location);

/// The SHA-512 listed for `file_name` in a checksum file, lower-case. Accepts BSD lines
/// (`SHA512 (name) = hex`) and GNU lines (`hex  name`, `hex *name`); blank lines, `#` comments
/// and other BSD algorithms are skipped. `origin` names the file in errors. A line that is none
/// of these, a missing entry or two different sums → kRuntime error.
Result<std::string> find_checksum(std::string_view text, std::string_view file_name,
                                  std::string_view origin);

/// True when `text` is exactly 128 hex digits.
bool is_sha512_hex(std::string_view text);

/// A size with an optional binary suffix: "20G", "512M", "1.5T", "4096" (bytes). Case-insensitive;
/// an optional trailing "B"/"iB" is accepted ("20GiB"). Zero, negative, unknown suffix, overflow
/// → kUsage error naming the text.
Result<std::uint64_t> parse_size(std::string_view text);

/// The name of the decompressed image: "x.raw.xz" → "x.raw"; other names are unchanged.
std::string decompressed_name(std::string_view file_name);

/// `qemu-img info --output=json -f raw <path>`.
host::Command qemu_img_info(const std::string& path);
/// `qemu-img resize -f raw <path> <bytes>`.
host::Command qemu_img_resize(const std::string& path, std::uint64_t bytes);
/// "virtual-size" from `qemu-img info --output=json` output.
Result<std::uint64_t> parse_virtual_size(std::string_view json);

}  // namespace jrun::vm
