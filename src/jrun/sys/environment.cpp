#include "jrun/sys/environment.h"

#include <unistd.h>

#include <climits>

extern char** environ;

namespace jrun::sys {

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> vars;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text(*entry);
    std::size_t eq = text.find('=');
    if (eq == std::string::npos) continue;
    vars.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return vars;
}

std::string current_dir() {
  char buffer[PATH_MAX];
  if (::getcwd(buffer, sizeof buffer) == nullptr) return ".";
  return buffer;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

}  // namespace jrun::sys
