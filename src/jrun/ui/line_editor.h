#pragma once
// The interactive shell's line editor (libedit): prompt, history kept in a file, and Tab
// completion through a callback.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jrun::ui {

/// Candidates for `word`, the word under the cursor, given the text before it.
using Completer =
    std::function<std::vector<std::string>(const std::string& before, const std::string& word)>;

class LineEditor {
 public:
  /// Loads the history from `history_file` (missing is fine); completion asks `completer`.
  LineEditor(std::string history_file, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  /// One line, without its newline; nullopt at end of input (Ctrl-D).
  std::optional<std::string> read(const std::string& prompt);
  /// Adds to the history and saves the history file (mode 0600).
  void remember(const std::string& line);

 private:
  std::string history_file_;
};

}  // namespace jrun::ui
