#pragma once
// The instance's ed25519 ssh key pair, in OpenSSH's own formats (no ssh-keygen needed).
//
//   openssh_private_key(seed, pub, comment, check) -> "-----BEGIN OPENSSH PRIVATE KEY-----..."
//   openssh_public_line(pub, comment)              -> "ssh-ed25519 AAAA... comment"
//   generate_ed25519(comment)                      -> a fresh SshKeyPair (OpenSSL)
//   ensure_key_pair(path, comment)                 -> reads <path>.pub, or generates and writes
//                                                     <path> and <path>.pub (0600)
//
// The encoders are pure; generation and files are the adapters.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "jrun/base/result.h"

namespace jrun::vm {

using Ed25519Bytes = std::array<std::uint8_t, 32>;

struct SshKeyPair {
  std::string private_key;  ///< openssh-key-v1, PEM-armoured, unencrypted
  std::string public_line;  ///< "ssh-ed25519 <base64> <comment>" (no newline)
};

/// Standard base64 with padding.
std::string base64_encode(std::string_view data);

/// The unencrypted openssh-key-v1 file for the key whose 32-byte private seed and public key are
/// given. `check` is the random check word OpenSSH repeats twice to detect a wrong passphrase.
/// Control characters in `comment` become '_'.
std::string openssh_private_key(const Ed25519Bytes& seed, const Ed25519Bytes& pub,
                                std::string_view comment, std::uint32_t check);

/// The authorized_keys line of a public key. Control characters in `comment` become '_'.
std::string openssh_public_line(const Ed25519Bytes& pub, std::string_view comment);

/// A new random key pair. Fails only when OpenSSL cannot generate one.
Result<SshKeyPair> generate_ed25519(std::string_view comment);

/// The public line of the key at `private_path`: read from `<private_path>.pub` when both files
/// exist, else a new pair written to both (mode 0600, through a temp file and rename; the
/// directory is created). I/O failures → kRuntime error naming the file.
Result<std::string> ensure_key_pair(const std::string& private_path, std::string_view comment);

}  // namespace jrun::vm
