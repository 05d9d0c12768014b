// bundle_hash and the ustar writer: pure.

#include "jrun/provision/bundle.h"

#include <algorithm>
#include <cstdio>

#include "jrun/base/sha256.h"

namespace jrun::provision {
namespace {

constexpr std::size_t kBlock = 512;

void put(std::string& header, std::size_t offset, std::string_view text) {
  header.replace(offset, text.size(), text);
}

/// `value` as `width - 1` octal digits and a NUL.
std::string octal(std::uint64_t value, std::size_t width) {
  std::string digits(width - 1, '0');
  for (std::size_t i = width - 1; i-- > 0 && value != 0; value >>= 3) {
    digits[i] = static_cast<char>('0' + (value & 7U));
  }
  return digits + '\0';
}

/// Splits a path into ustar's (prefix, name), or fails.
Result<std::pair<std::string, std::string>> split_name(const std::string& path) {
  if (path.size() <= 100) return std::pair<std::string, std::string>{"", path};
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (slash <= 155 && path.size() - slash - 1 <= 100) {
      return std::pair<std::string, std::string>{path.substr(0, slash), path.substr(slash + 1)};
    }
  }
  return make_error(ErrorCode::kRuntime, "path too long for the staging archive: " + path);
}

}  // namespace

std::string bundle_hash(std::vector<std::pair<std::string, std::string>> path_hashes) {
  std::sort(path_hashes.begin(), path_hashes.end());
  std::string text;
  for (const auto& [path, hash] : path_hashes) text += path + '\0' + hash + '\n';
  return sha256_hex(text);
}

Result<std::string> ustar(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  for (const auto& [path, content] : files) {
    ASSIGN_OR_RETURN(auto name, split_name(path));
    std::string header(kBlock, '\0');
    put(header, 0, name.second);
    put(header, 100, octal(0644, 8));
    put(header, 108, octal(0, 8));
    put(header, 116, octal(0, 8));
    put(header, 124, octal(content.size(), 12));
    put(header, 136, octal(0, 12));
    put(header, 148, std::string(8, ' '));
    header[156] = '0';
    put(header, 257,
        std::string("ustar\0"
                    "00",
                    8));
    put(header, 345, name.first);
    unsigned sum = 0;
    for (char c : header) sum += static_cast<unsigned char>(c);
    put(header, 148, octal(sum, 7) + " ");
    out += header;
    out += content;
    out.append((kBlock - content.size() % kBlock) % kBlock, '\0');
  }
  out.append(2 * kBlock, '\0');
  return out;
}

}  // namespace jrun::provision
