#include "jrun/ui/line_editor.h"

#include <editline/readline.h>
#include <sys/stat.h>

#include <cstdlib>
#include <cstring>

namespace jrun::ui {
namespace {

// libedit's readline interface takes plain function pointers: the one live editor's completer.
Completer* g_completer = nullptr;
std::vector<std::string> g_matches;

char* next_match(const char* /*text*/, int state) {
  static std::size_t index = 0;
  if (state == 0) index = 0;
  if (index >= g_matches.size()) return nullptr;
  return ::strdup(g_matches[index++].c_str());
}

char** attempt(const char* text, int start, int /*end*/) {
  ::rl_attempted_completion_over = 1;
  if (g_completer == nullptr) return nullptr;
  const std::string before(::rl_line_buffer, static_cast<std::size_t>(start));
  g_matches = (*g_completer)(before, text);
  if (g_matches.empty()) return nullptr;
  return ::rl_completion_matches(text, next_match);
}

}  // namespace

LineEditor::LineEditor(std::string history_file, Completer completer)
    : history_file_(std::move(history_file)) {
  g_completer = new Completer(std::move(completer));
  ::rl_readline_name = const_cast<char*>("jrun");
  ::rl_attempted_completion_function = attempt;
  ::using_history();
  ::stifle_history(1000);
  ::read_history(history_file_.c_str());
}

LineEditor::~LineEditor() {
  delete g_completer;
  g_completer = nullptr;
}

std::optional<std::string> LineEditor::read(const std::string& prompt) {
  char* line = ::readline(prompt.c_str());
  if (line == nullptr) return std::nullopt;
  std::string out(line);
  std::free(line);
  return out;
}

void LineEditor::remember(const std::string& line) {
  ::add_history(line.c_str());
  ::write_history(history_file_.c_str());
  ::chmod(history_file_.c_str(), 0600);
}

}  // namespace jrun::ui
