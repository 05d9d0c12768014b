// Scalar atoms: numbers with libucl's suffixes, keywords, escapes.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "jrun/ucl/lexer.h"

namespace jrun::ucl::detail {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// What a suffix does to the number in front of it.
struct Suffix {
  enum Kind { kNone, kDecimal, kBinary, kTime } kind = kNone;
  double factor = 1;
};

std::optional<Suffix> parse_suffix(std::string_view s) {
  if (s.empty()) return Suffix{};
  static constexpr struct {
    std::string_view text;
    Suffix::Kind kind;
    double factor;
  } kTable[] = {
      {"k", Suffix::kDecimal, 1e3},       {"m", Suffix::kDecimal, 1e6},
      {"g", Suffix::kDecimal, 1e9},       {"kb", Suffix::kBinary, 1024.0},
      {"mb", Suffix::kBinary, 1048576.0}, {"gb", Suffix::kBinary, 1073741824.0},
      {"ms", Suffix::kTime, 1e-3},        {"s", Suffix::kTime, 1},
      {"ks", Suffix::kTime, 1e3},         {"gs", Suffix::kTime, 1e9},
      {"min", Suffix::kTime, 60},         {"h", Suffix::kTime, 3600},
      {"d", Suffix::kTime, 86400},        {"w", Suffix::kTime, 604800},
      {"y", Suffix::kTime, 31536000},
  };
  for (const auto& entry : kTable) {
    if (iequals(s, entry.text)) return Suffix{entry.kind, entry.factor};
  }
  return std::nullopt;
}

/// Length of the numeric part of `s` (digits, one dot, one exponent); 0 when not a number.
std::size_t scan_decimal(std::string_view s, bool* is_float) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0) return 0;
  if (i < s.size() && s[i] == '.') {
    *is_float = true;
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j >= s.size() || !is_digit(s[j])) return i;  // "1e" / "1ex": the suffix check rejects it
    while (j < s.size() && is_digit(s[j])) ++j;
    *is_float = true;
    i = j;
  }
  return i;
}

std::optional<Value> scale(bool is_float, std::int64_t iv, double dv, bool negative,
                           const Suffix& suffix, Location loc, bool* out_of_range) {
  if (suffix.kind == Suffix::kTime) {
    double v = (is_float ? dv : static_cast<double>(iv)) * suffix.factor;
    return Value::time(negative ? -v : v, loc);
  }
  if (is_float && suffix.kind != Suffix::kBinary) {
    double v = dv * suffix.factor;
    return Value::floating(negative ? -v : v, loc);
  }
  // Integers; `1.5kb` is 1536 (libucl truncates before multiplying: see docs/ucl.md).
  std::int64_t v = 0;
  if (is_float) {
    double exact = dv * suffix.factor;
    if (!(exact < 9.2e18)) {
      *out_of_range = true;
      return std::nullopt;
    }
    v = static_cast<std::int64_t>(exact);
  } else if (__builtin_mul_overflow(iv, static_cast<std::int64_t>(suffix.factor), &v)) {
    *out_of_range = true;
    return std::nullopt;
  }
  return Value::integer(negative ? -v : v, loc);
}

}  // namespace

std::optional<Value> parse_number(std::string_view text, Location loc, bool* out_of_range) {
  *out_of_range = false;
  bool negative = !text.empty() && text[0] == '-';
  std::string_view s = negative ? text.substr(1) : text;
  bool hex = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  bool is_float = false;
  std::size_t len = 0;
  std::int64_t iv = 0;
  double dv = 0;
  if (hex) {
    const char* first = s.data() + 2;
    auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), iv, 16);
    if (ptr == first) return std::nullopt;
    if (ec == std::errc::result_out_of_range) *out_of_range = true;
    len = static_cast<std::size_t>(ptr - s.data());
  } else {
    len = scan_decimal(s, &is_float);
    if (len == 0) return std::nullopt;
    const char* last = s.data() + len;
    auto [ptr, ec] =
        is_float ? std::from_chars(s.data(), last, dv) : std::from_chars(s.data(), last, iv);
    if (ptr != last) return std::nullopt;
    if (ec == std::errc::result_out_of_range) *out_of_range = true;
  }
  std::optional<Suffix> suffix = parse_suffix(s.substr(len));
  if (!suffix) return std::nullopt;
  if (*out_of_range) return std::nullopt;
  return scale(is_float, iv, dv, negative, *suffix, loc, out_of_range);
}

std::optional<Value> parse_keyword(std::string_view text, Location loc) {
  if (text == "null") return Value::null(loc);
  if (text.size() > 5) return std::nullopt;
  if (iequals(text, "true") || iequals(text, "yes") || iequals(text, "on")) {
    return Value::boolean(true, loc);
  }
  if (iequals(text, "false") || iequals(text, "no") || iequals(text, "off")) {
    return Value::boolean(false, loc);
  }
  return std::nullopt;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  auto byte = [&out](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xC0 | (cp >> 6));
    byte(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    byte(0xE0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  } else {
    byte(0xF0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3F));
    byte(0x80 | ((cp >> 6) & 0x3F));
    byte(0x80 | (cp & 0x3F));
  }
}

std::string describe_char(std::optional<char> c) {
  if (!c) return "end of file";
  auto u = static_cast<unsigned char>(*c);
  if (u > 0x20 && u < 0x7F) return std::string("`") + *c + "`";
  if (*c == '\n') return "a line break";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02x", static_cast<unsigned>(u));
  return buf;
}

std::string unescape_atom(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out.push_back(raw[i]);
      continue;
    }
    char c = raw[++i];
    switch (c) {
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      default:
        out.push_back(c);
        break;
    }
  }
  return out;
}

}  // namespace jrun::ucl::detail
