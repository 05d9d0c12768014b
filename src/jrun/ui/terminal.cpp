#include "jrun/ui/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "jrun/base/strings.h"

namespace jrun::ui {
namespace {

std::string env_value(const Env& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

bool utf8_locale(const Env& env) {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const std::string value = to_lower(env_value(env, name));
    if (value.empty()) continue;
    return value.find("utf-8") != std::string::npos || value.find("utf8") != std::string::npos;
  }
  return false;
}

void write_all(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace

Style decide_style(bool is_tty, int columns, const Env& env) {
  Style style;
  style.color = is_tty && env.count("NO_COLOR") == 0 && env_value(env, "TERM") != "dumb";
  style.unicode = utf8_locale(env);
  // Not a terminal and no COLUMNS: nothing to fit (pipes and scripts get whole lines).
  style.width = is_tty ? 80 : 1000;
  if (columns > 0) {
    style.width = static_cast<std::size_t>(columns);
  } else if (const std::string c = env_value(env, "COLUMNS"); !c.empty()) {
    const long n = std::strtol(c.c_str(), nullptr, 10);
    if (n > 10 && n < 10000) style.width = static_cast<std::size_t>(n);
  }
  return style;
}

int terminal_columns(int fd) {
  winsize size{};
  if (::isatty(fd) == 0 || ::ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

Style detect_style(int fd, const Env& env) {
  return decide_style(::isatty(fd) != 0, terminal_columns(fd), env);
}

LiveScreen::LiveScreen(bool is_tty) : tty_(is_tty) {
  if (!tty_) return;
  termios mode{};
  if (::tcgetattr(0, &mode) == 0) {
    saved_ = mode;
    mode.c_lflag &= ~static_cast<tcflag_t>(ECHO | ICANON);
    ::tcsetattr(0, TCSANOW, &mode);
  }
  write_all("\033[?1049h\033[?25l");
}

LiveScreen::~LiveScreen() {
  if (!tty_) return;
  write_all("\033[?25h\033[?1049l");
  if (saved_) ::tcsetattr(0, TCSANOW, &*saved_);
}

void LiveScreen::draw(const std::string& frame) {
  if (!tty_) {
    write_all(frame + "\n");
    return;
  }
  // Home, then each line cleared to its end, then everything below: no flicker.
  std::string out = "\033[H";
  for (const std::string& line : split(frame, '\n')) out += line + "\033[K\n";
  out.pop_back();
  write_all(out + "\033[J");
}

}  // namespace jrun::ui
