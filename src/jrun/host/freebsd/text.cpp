#include "jrun/host/freebsd/text.h"

#include <cstdio>
#include <stdexcept>

#include "jrun/base/strings.h"

namespace jrun::host::freebsd_driver {
namespace {

bool plain_char(char c, std::string_view extra) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         extra.find(c) != std::string_view::npos;
}

}  // namespace

std::string script_header(std::string_view what, std::string_view manuals, std::string_view root) {
  // SC2016, SC1003: single-quoted text in these scripts is data (file contents, user values),
  // or code for another shell. SC2034: every jail script gets the same variable block.
  std::string out = "#!/bin/sh\n# shellcheck disable=SC2016,SC1003,SC2034\n# jrun freebsd driver: ";
  out += what;
  out += "\n# Manual pages: ";
  out += manuals;
  out +=
      "\nset -eu\n"
      "umask 022\n"
      "die() { printf 'jrun: %s\\n' \"$*\" >&2; exit 1; }\n";
  out += assign("R", root);
  return out;
}

std::string assign(std::string_view name, std::string_view value) {
  return std::string(name) + "=" + shell_quote(value) + "\n";
}

std::string put_file(std::string_view path_expr, std::string_view content, unsigned mode) {
  char octal[16];
  std::snprintf(octal, sizeof octal, "%04o", mode & 07777U);
  const std::string p(path_expr);
  return "jrun_put " + p + " " + octal + " " + shell_quote(content) + "\n";
}

const std::string& plain_value(const std::string& value) {
  for (const char c : value) {
    if (!plain_char(c, "._/:@+-")) {
      throw std::invalid_argument("freebsd driver: unexpected character in '" + value + "'");
    }
  }
  return value;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && c == '-');
    if (!ok) return false;
  }
  return true;
}

std::string fstab_escape(std::string_view field) {
  std::string out;
  for (const char c : field) {
    if (plain_char(c, "/._+@:,-")) {
      out += c;
      continue;
    }
    char code[8];
    std::snprintf(code, sizeof code, "\\%03o", static_cast<unsigned char>(c));
    out += code;
  }
  return out;
}

}  // namespace jrun::host::freebsd_driver
