#pragma once
// The NoCloud first-boot seed: cloud-init's `cidata` volume with meta-data and user-data.
//
//   check_seed(spec)        -> kUsage error for a user name or hostname the guest cannot take
//   render_meta_data(spec)  -> "instance-id: ...\nlocal-hostname: ...\n"
//   render_user_data(spec)  -> "#cloud-config\n..." creating the admin user with the key,
//                              passwordless doas (FreeBSD) or sudo (Linux)
//   yaml_quote(text)        -> the one quoting path of every value in those files
//   write_seed_iso(path, meta_data, user_data) -> ISO 9660 (Rock Ridge + Joliet) with libarchive
//
// FreeBSD's BASIC-CLOUDINIT images read the seed with nuageinit, Linux guests with cloud-init.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/base/result.h"

namespace jrun::vm {

enum class GuestOs { kFreebsd, kLinux };

struct SeedSpec {
  GuestOs os = GuestOs::kFreebsd;
  std::string instance_id = "jrun";
  std::string hostname = "freebsd";
  std::string user = "admin";
  std::string public_key;  ///< "ssh-ed25519 AAAA... comment"
  /// Installed on first boot; FreeBSD needs doas and a python for the reference's bootstrap.
  std::vector<std::string> packages;
};

/// The reference's seed for a FreeBSD guest (packages doas and python313).
SeedSpec freebsd_seed(std::string public_key);
/// A seed for a Linux guest (cloud-init; no packages, the image brings what it needs).
SeedSpec linux_seed(std::string public_key, std::string hostname);

/// A user name must be a portable login name ([a-z_][a-z0-9_-]*, at most 32), the hostname a
/// DNS label list, the key one line; anything else → kUsage error naming the value.
Status check_seed(const SeedSpec& spec);

/// A YAML double-quoted scalar: `"` and `\` escaped, control characters as \n, \t or \xNN.
std::string yaml_quote(std::string_view text);

std::string render_meta_data(const SeedSpec& spec);
std::string render_user_data(const SeedSpec& spec);

/// Writes the seed ISO (volume id "cidata") holding `meta-data` and `user-data` to `path`,
/// through `path + ".part"` and a rename. Failures → kRuntime error naming the file.
Status write_seed_iso(const std::string& path, const std::string& meta_data,
                      const std::string& user_data);

}  // namespace jrun::vm
