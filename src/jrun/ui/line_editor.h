#pragma once
// The interactive shell's line editor (libedit, native API): prompt, emacs keys, history kept
// in a file, and Tab completion through a callback.

#include <functional>
#include <optional>
#include <string>
#include <vector>

struct editline;
struct history;

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

  /// One line, without its newline; nullopt at end of input (Ctrl-D) or on Ctrl-C.
  std::optional<std::string> read(const std::string& prompt);
  /// Adds to the history and saves the history file (mode 0600).
  void remember(const std::string& line);

  /// Tab: completes the word before the cursor (libedit's callback; public for it).
  unsigned char complete();
  /// The prompt libedit shows.
  const char* prompt() const { return prompt_.c_str(); }

 private:
  std::string history_file_;
  Completer completer_;
  std::string prompt_;
  ::editline* el_ = nullptr;
  ::history* hist_ = nullptr;
};

}  // namespace jrun::ui
