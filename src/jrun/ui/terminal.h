#pragma once
// The terminal adapter: decides the Style (colour, Unicode, width) from the terminal and the
// environment, and owns the screen while the live monitor draws (alternate screen, hidden
// cursor, no echo), giving it back on every exit path.

#include <termios.h>

#include <map>
#include <optional>
#include <string>

#include "jrun/ui/style.h"

namespace jrun::ui {

using Env = std::map<std::string, std::string>;

/// Pure decision: colour when `is_tty`, NO_COLOR is unset and TERM is not "dumb"; Unicode
/// when the locale (LC_ALL, LC_CTYPE, LANG — first set wins) says UTF-8; width from the
/// terminal (`columns` > 0), else COLUMNS, else 80 on a
/// terminal and 1000 (no cutting) elsewhere.
Style decide_style(bool is_tty, int columns, const Env& env);

/// The Style for file descriptor `fd` (1 = stdout) in this process's environment.
Style detect_style(int fd, const Env& env);

/// Columns of the terminal on `fd`, 0 if it is not a terminal.
int terminal_columns(int fd);

/// While alive, stdout shows the alternate screen with the cursor hidden and input echo off;
/// the destructor (also reached after Ctrl-C, which the caller turns into a flag) restores
/// everything. Without a terminal it does nothing and `draw` just prints frames in sequence.
class LiveScreen {
 public:
  explicit LiveScreen(bool is_tty);
  ~LiveScreen();
  LiveScreen(const LiveScreen&) = delete;
  LiveScreen& operator=(const LiveScreen&) = delete;

  /// Replaces the screen's content with `frame`.
  void draw(const std::string& frame);

 private:
  bool tty_;
  std::optional<termios> saved_;
};

}  // namespace jrun::ui
