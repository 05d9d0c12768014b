#include "jrun/host/linux/script_text.h"

#include <cstdio>

#include "jrun/base/strings.h"

namespace jrun::host::linux_driver {

std::string assign(std::string_view name, std::string_view value) {
  return std::string(name) + "=" + shell_quote(value) + "\n";
}

std::string script_header(std::string_view what) {
  // SC2016: single-quoted text in these scripts is data, or code run by another shell.
  std::string out = "#!/bin/sh\n# shellcheck disable=SC2016\n# jrun linux driver: ";
  out += what;
  out +=
      "\nset -eu\n"
      "umask 022\n"
      "die() { printf 'jrun: %s\\n' \"$*\" >&2; exit 1; }\n";
  return out;
}

std::string subshell(std::string_view script) {
  std::string out = "(\n";
  out += script;
  if (!script.empty() && script.back() != '\n') out += '\n';
  out += ")\n";
  return out;
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

}  // namespace jrun::host::linux_driver
