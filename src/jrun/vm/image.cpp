#include "jrun/vm/image.h"

#include <cctype>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "jrun/base/path.h"
#include "jrun/base/strings.h"

namespace jrun::vm {
namespace {

constexpr std::string_view kFreebsdMirror = "https://download.freebsd.org/releases/VM-IMAGES";

Error usage(std::string message) { return make_error(ErrorCode::kUsage, std::move(message)); }

/// Last path component of a URL without query or fragment.
std::string url_file_name(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  return std::string(path.substr(path.rfind('/') + 1));
}

std::string shorten(std::string_view line) {
  constexpr std::size_t kMax = 80;
  return line.size() <= kMax ? std::string(line) : std::string(line.substr(0, kMax)) + "...";
}

struct ChecksumLine {
  std::string name;
  std::string hex;  ///< "" for a well-formed line of another algorithm
};

/// `ALG (name) = hex`.
std::optional<ChecksumLine> parse_bsd_line(std::string_view line) {
  std::size_t open = line.find(" (");
  std::size_t close = line.rfind(") = ");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::nullopt;
  }
  std::string_view alg = line.substr(0, open);
  for (char c : alg) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return std::nullopt;
  }
  std::string name(line.substr(open + 2, close - open - 2));
  std::string_view hex = line.substr(close + 4);
  if (alg != "SHA512") return ChecksumLine{name, ""};
  if (!is_sha512_hex(hex)) return std::nullopt;
  return ChecksumLine{name, to_lower(hex)};
}

/// `hex  name` or `hex *name`.
std::optional<ChecksumLine> parse_gnu_line(std::string_view line) {
  if (line.size() < 131 || !is_sha512_hex(line.substr(0, 128)) || line[128] != ' ') {
    return std::nullopt;
  }
  if (line[129] != ' ' && line[129] != '*') return std::nullopt;
  return ChecksumLine{std::string(line.substr(130)), to_lower(line.substr(0, 128))};
}

std::optional<std::uint64_t> suffix_multiplier(std::string_view suffix) {
  std::string s = to_lower(suffix);
  if (s.size() == 3 && s.substr(1) == "ib") s.resize(1);
  if (s.size() == 2 && s[1] == 'b' && s[0] != 'b') s.resize(1);
  if (s.empty() || s == "b") return 1;
  constexpr std::string_view kUnits = "kmgt";
  std::size_t index = kUnits.find(s);
  if (s.size() != 1 || index == std::string_view::npos) return std::nullopt;
  return std::uint64_t{1} << (10 * (index + 1));
}

}  // namespace

Result<ImageSource> freebsd_image(std::string_view arch, std::string_view version,
                                  std::string_view tag) {
  std::string dir;
  std::string platform;
  if (arch == "x86_64" || arch == "amd64") {
    dir = "amd64";
    platform = "amd64";
  } else if (arch == "aarch64" || arch == "arm64") {
    dir = "aarch64";
    platform = "arm64-aarch64";
  } else {
    return usage("no FreeBSD VM image for architecture '" + std::string(arch) +
                 "' (x86_64 and aarch64 are supported); set JRUN_VM_IMAGE");
  }
  std::string release = std::string(version) + "-" + std::string(tag);
  std::string base = std::string(kFreebsdMirror) + "/" + release + "/" + dir + "/Latest/";
  ImageSource source;
  source.file_name = "FreeBSD-" + release + "-" + platform + "-BASIC-CLOUDINIT-zfs.raw.xz";
  source.location = base + source.file_name;
  source.checksum_url = base + "CHECKSUM.SHA512";
  return source;
}

bool is_url(std::string_view location) {
  std::string lower = to_lower(location.substr(0, 8));
  return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 ||
         lower.rfind("file://", 0) == 0;
}

Result<ImageSource> custom_image(std::string_view image, std::string_view sha512,
                                 std::string_view cwd) {
  if (trim(image).empty()) return usage("JRUN_VM_IMAGE is empty");
  ImageSource source;
  if (!sha512.empty() && !is_sha512_hex(trim(sha512))) {
    return usage("JRUN_VM_IMAGE_SHA512 is not a SHA-512 checksum (128 hex digits): '" +
                 shorten(sha512) + "'");
  }
  source.sha512 = to_lower(trim(sha512));
  if (is_url(image)) {
    source.location = std::string(image);
    source.file_name = url_file_name(image);
  } else {
    source.location = resolve_path(cwd, image, "");
    source.file_name = base_name(source.location);
    source.local = true;
  }
  if (source.file_name.empty() || source.file_name == "." || source.file_name == "..") {
    return usage("JRUN_VM_IMAGE does not name a file: '" + std::string(image) + "'");
  }
  return source;
}

bool is_sha512_hex(std::string_view text) {
  if (text.size() != 128) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Result<std::string> find_checksum(std::string_view text, std::string_view file_name,
                                  std::string_view origin) {
  std::string found;
  std::size_t number = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++number;
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    auto entry = parse_bsd_line(line);
    if (!entry) entry = parse_gnu_line(line);
    if (!entry) {
      return make_error(ErrorCode::kRuntime, std::string(origin) + " line " +
                                                 std::to_string(number) +
                                                 ": not a checksum line: " + shorten(line));
    }
    if (entry->hex.empty() || entry->name != file_name) continue;
    if (!found.empty() && found != entry->hex) {
      return make_error(
          ErrorCode::kRuntime,
          std::string(origin) + " lists two different SHA-512 sums for " + std::string(file_name));
    }
    found = entry->hex;
  }
  if (found.empty()) {
    return make_error(ErrorCode::kRuntime, "no SHA-512 checksum for " + std::string(file_name) +
                                               " in " + std::string(origin));
  }
  return found;
}

Result<std::uint64_t> parse_size(std::string_view text) {
  std::string_view s = trim(text);
  std::size_t digits_end = 0;
  while (digits_end < s.size() &&
         (std::isdigit(static_cast<unsigned char>(s[digits_end])) || s[digits_end] == '.')) {
    ++digits_end;
  }
  std::string_view number = s.substr(0, digits_end);
  auto multiplier = suffix_multiplier(s.substr(digits_end));
  std::size_t dot = number.find('.');
  bool bad_number = number.empty() || number.front() == '.' || number.back() == '.' ||
                    (dot != std::string_view::npos && number.find('.', dot + 1) != number.npos);
  if (bad_number || !multiplier) {
    return usage("'" + shorten(text) + "' is not a size (e.g. 20G, 512M, 1.5T, 4096)");
  }
  std::string_view whole = number.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : number.substr(dot + 1);
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t value = 0;
  for (char c : whole) {
    auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (kMax - digit) / 10) return usage("size '" + shorten(text) + "' is too large");
    value = value * 10 + digit;
  }
  if (value > kMax / *multiplier) return usage("size '" + shorten(text) + "' is too large");
  std::uint64_t bytes = value * *multiplier;
  // Fractional part, to six decimals: exact enough, and fraction * multiplier cannot overflow.
  std::uint64_t fraction_value = 0;
  std::uint64_t denominator = 1;
  for (char c : fraction.substr(0, 6)) {
    fraction_value = fraction_value * 10 + static_cast<std::uint64_t>(c - '0');
    denominator *= 10;
  }
  std::uint64_t extra = fraction_value * *multiplier / denominator;
  if (bytes > kMax - extra) return usage("size '" + shorten(text) + "' is too large");
  bytes += extra;
  if (bytes == 0) return usage("size '" + shorten(text) + "' must be more than zero");
  return bytes;
}

std::string decompressed_name(std::string_view file_name) {
  constexpr std::string_view kXz = ".xz";
  if (file_name.size() > kXz.size() && to_lower(file_name.substr(file_name.size() - 3)) == kXz) {
    return std::string(file_name.substr(0, file_name.size() - kXz.size()));
  }
  return std::string(file_name);
}

host::Command qemu_img_info(const std::string& path) {
  host::Command c;
  c.argv = {"qemu-img", "info", "--output=json", "-f", "raw", path};
  return c;
}

host::Command qemu_img_resize(const std::string& path, std::uint64_t bytes) {
  host::Command c;
  c.argv = {"qemu-img", "resize", "-f", "raw", path, std::to_string(bytes)};
  return c;
}

Result<std::uint64_t> parse_virtual_size(std::string_view json) {
  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("virtual-size") ||
      !doc["virtual-size"].is_number_unsigned()) {
    return make_error(ErrorCode::kRuntime,
                      "qemu-img info printed no virtual-size: " + shorten(json));
  }
  return doc["virtual-size"].get<std::uint64_t>();
}

}  // namespace jrun::vm
