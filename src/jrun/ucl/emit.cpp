#include "jrun/ucl/emit.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace jrun::ucl {

namespace {

std::string format_double(double d) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, ec == std::errc() ? ptr : buf);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // keep it a float
  return s;
}

void append_quoted(std::string& out, std::string_view s, bool double_dollar) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '$':
        // Not `$$`: libucl keeps `$$` as written in a string without variables. A `$` spelt
        // \u0024 is never expanded (variables are expanded only where a `$` is written).
        out += double_dollar ? "\\u0024" : "$";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there are not one
// (overlong forms, surrogates and code points above U+10FFFF count as invalid, as in RFC 3629).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
  if (n == 0 || b > 0xF4 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char second = byte(i + 1);
  if (b == 0xE0 && second < 0xA0) return 0;  // overlong
  if (b == 0xED && second > 0x9F) return 0;  // surrogate
  if (b == 0xF0 && second < 0x90) return 0;  // overlong
  if (b == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
  return n;
}

// JSON text must be UTF-8: each byte that does not start a valid sequence becomes U+FFFD.
std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

void newline(std::string& out, bool pretty, int indent) {
  if (!pretty) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(indent) * 4, ' ');
}

void json(std::string& out, const Value& v, bool pretty, int indent);

void json_container(std::string& out, const Value& v, bool pretty, int indent) {
  bool object = v.is_object();
  out.push_back(object ? '{' : '[');
  std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out.push_back(',');
    newline(out, pretty, indent + 1);
    if (object) {
      const Member& m = v.members()[i];
      append_quoted(out, valid_utf8(m.key), false);
      out += pretty ? ": " : ":";
      json(out, *m.value, pretty, indent + 1);
    } else {
      json(out, v.items()[i], pretty, indent + 1);
    }
  }
  if (n > 0) newline(out, pretty, indent);
  out.push_back(object ? '}' : ']');
}

void json(std::string& out, const Value& v, bool pretty, int indent) {
  switch (v.type()) {
    case Type::kNull:
      out += "null";
      break;
    case Type::kBool:
      out += v.as_bool() ? "true" : "false";
      break;
    case Type::kInt:
      out += std::to_string(v.as_int());
      break;
    case Type::kFloat:
    case Type::kTime:
      out += std::isfinite(v.as_number()) ? format_double(v.as_number()) : "null";
      break;
    case Type::kString:
      append_quoted(out, valid_utf8(v.as_string()), false);
      break;
    case Type::kArray:
    case Type::kObject:
      json_container(out, v, pretty, indent);
      break;
  }
}

bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  char first = key[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) {
    return false;
  }
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

void ucl_value(std::string& out, const Value& v, int indent);

void ucl_members(std::string& out, const Value& object, int indent);

void ucl_container(std::string& out, const Value& v, int indent) {
  std::string pad(static_cast<std::size_t>(indent) * 4, ' ');
  if (v.is_object()) {
    out += "{\n";
    ucl_members(out, v, indent + 1);
    out += pad + "}";
    return;
  }
  out += "[\n";
  for (const Value& item : v.items()) {
    out += pad + "    ";
    ucl_value(out, item, indent + 1);
    out += ",\n";
  }
  out += pad + "]";
}

void ucl_value(std::string& out, const Value& v, int indent) {
  switch (v.type()) {
    case Type::kNull:
      out += "null";
      break;
    case Type::kBool:
      out += v.as_bool() ? "true" : "false";
      break;
    case Type::kInt:
      out += std::to_string(v.as_int());
      break;
    case Type::kFloat:
      out += std::isfinite(v.as_number()) ? format_double(v.as_number()) : "null";
      break;
    case Type::kTime:
      out += std::isfinite(v.as_number()) ? format_double(v.as_number()) + "s" : "null";
      break;
    case Type::kString:
      append_quoted(out, v.as_string(), true);
      break;
    case Type::kArray:
    case Type::kObject:
      ucl_container(out, v, indent);
      break;
  }
}

void ucl_member(std::string& out, const std::string& key, const Value& v, int indent) {
  out.append(static_cast<std::size_t>(indent) * 4, ' ');
  if (is_bare_key(key))
    out += key;
  else
    append_quoted(out, key, false);
  bool container = v.is_object() || v.is_array();
  out += container ? " " : " = ";
  ucl_value(out, v, indent);
  out += container ? "\n" : ";\n";
}

void ucl_members(std::string& out, const Value& object, int indent) {
  for (const Member& m : object.members()) {
    if (m.value->implicit_array() && m.value->size() > 0) {
      for (const Value& item : m.value->items()) ucl_member(out, m.key, item, indent);
    } else {
      ucl_member(out, m.key, *m.value, indent);
    }
  }
}

}  // namespace

std::string to_json(const Value& value, bool pretty) {
  std::string out;
  json(out, value, pretty, 0);
  if (pretty) out.push_back('\n');
  return out;
}

std::string to_ucl(const Value& value) {
  std::string out;
  if (value.is_object()) {
    ucl_members(out, value, 0);
  } else {
    ucl_value(out, value, 0);
    out.push_back('\n');
  }
  return out;
}

}  // namespace jrun::ucl
