#include "jrun/vm/seed_key.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "jrun/base/path.h"
#include "jrun/base/strings.h"

namespace jrun::vm {
namespace {

constexpr std::string_view kKeyType = "ssh-ed25519";

/// SSH wire encoding (RFC 4251): uint32 big-endian and length-prefixed strings.
void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void put_string(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

std::string_view as_view(const Ed25519Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string clean_comment(std::string_view comment) {
  std::string out(comment);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
  }
  return out;
}

std::string public_blob(const Ed25519Bytes& pub) {
  std::string blob;
  put_string(blob, kKeyType);
  put_string(blob, as_view(pub));
  return blob;
}

std::string armour(const std::string& binary) {
  std::string text = base64_encode(binary);
  std::string out = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
  for (std::size_t i = 0; i < text.size(); i += 70) out += text.substr(i, 70) + "\n";
  return out + "-----END OPENSSH PRIVATE KEY-----\n";
}

Error io_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kRuntime, what + " " + path + ": " + std::strerror(errno));
}

/// Writes `text` to `path` with mode 0600 through a temp file and rename.
Status write_private(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot create", tmp);
  bool ok = ::fchmod(fd, 0600) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    return io_error("cannot write", path);
  }
  return {};
}

Result<std::string> read_text(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot read", path);
  std::string text;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(n));
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (n < 0) return io_error("cannot read", path);
  return text;
}

}  // namespace

std::string base64_encode(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < data.size(); i += 3) {
    std::uint32_t chunk = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (i + 1 < data.size())
      chunk |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    if (i + 2 < data.size()) chunk |= static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < data.size() ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

std::string openssh_private_key(const Ed25519Bytes& seed, const Ed25519Bytes& pub,
                                std::string_view comment, std::uint32_t check) {
  std::string secret;
  put_u32(secret, check);
  put_u32(secret, check);
  put_string(secret, kKeyType);
  put_string(secret, as_view(pub));
  put_string(secret, std::string(as_view(seed)) + std::string(as_view(pub)));
  put_string(secret, clean_comment(comment));
  // Unencrypted keys are padded to the "none" cipher's block size of 8 with 1, 2, 3, ...
  for (char pad = 1; secret.size() % 8 != 0; ++pad) secret += pad;

  std::string file = "openssh-key-v1";
  file += '\0';
  put_string(file, "none");  // cipher
  put_string(file, "none");  // kdf
  put_string(file, "");      // kdf options
  put_u32(file, 1);          // number of keys
  put_string(file, public_blob(pub));
  put_string(file, secret);
  return armour(file);
}

std::string openssh_public_line(const Ed25519Bytes& pub, std::string_view comment) {
  std::string line = std::string(kKeyType) + " " + base64_encode(public_blob(pub));
  std::string clean = clean_comment(comment);
  return clean.empty() ? line : line + " " + clean;
}

Result<SshKeyPair> generate_ed25519(std::string_view comment) {
  auto fail = [] {
    return make_error(ErrorCode::kRuntime, "OpenSSL could not generate an ed25519 key");
  };
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    return fail();
  }
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
  Ed25519Bytes seed{}, pub{};
  std::size_t seed_len = seed.size(), pub_len = pub.size();
  std::uint32_t check = 0;
  if (EVP_PKEY_get_raw_private_key(key.get(), seed.data(), &seed_len) != 1 ||
      EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &pub_len) != 1 || seed_len != 32 ||
      pub_len != 32 || RAND_bytes(reinterpret_cast<unsigned char*>(&check), sizeof check) != 1) {
    return fail();
  }
  SshKeyPair pair{openssh_private_key(seed, pub, comment, check),
                  openssh_public_line(pub, comment)};
  OPENSSL_cleanse(seed.data(), seed.size());
  return pair;
}

Result<std::string> ensure_key_pair(const std::string& private_path, std::string_view comment) {
  std::string public_path = private_path + ".pub";
  if (::access(private_path.c_str(), F_OK) == 0 && ::access(public_path.c_str(), F_OK) == 0) {
    ASSIGN_OR_RETURN(std::string line, read_text(public_path));
    return std::string(trim(line));
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_name(private_path), ec);
  if (ec) {
    return make_error(ErrorCode::kRuntime,
                      "cannot create " + dir_name(private_path) + ": " + ec.message());
  }
  ASSIGN_OR_RETURN(SshKeyPair pair, generate_ed25519(comment));
  // Public first: a crash in between leaves no private key, so the next call starts over.
  TRY(write_private(public_path, pair.public_line + "\n"));
  TRY(write_private(private_path, pair.private_key));
  return pair.public_line;
}

}  // namespace jrun::vm
