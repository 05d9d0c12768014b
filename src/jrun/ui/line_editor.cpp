#include "jrun/ui/line_editor.h"

#include <histedit.h>
#include <sys/stat.h>

#include <clocale>
#include <cstdio>

namespace jrun::ui {
namespace {

LineEditor* self(EditLine* el) {
  void* data = nullptr;
  ::el_get(el, EL_CLIENTDATA, &data);
  return static_cast<LineEditor*>(data);
}

char* prompt_of(EditLine* el) { return const_cast<char*>(self(el)->prompt()); }

unsigned char complete_of(EditLine* el, int /*key*/) { return self(el)->complete(); }

std::string common_prefix(const std::vector<std::string>& words) {
  if (words.empty()) return "";
  std::string prefix = words.front();
  for (const std::string& w : words) {
    std::size_t n = 0;
    while (n < prefix.size() && n < w.size() && prefix[n] == w[n]) ++n;
    prefix.resize(n);
  }
  return prefix;
}

}  // namespace

LineEditor::LineEditor(std::string history_file, Completer completer)
    : history_file_(std::move(history_file)), completer_(std::move(completer)) {
  // libedit decodes the prompt and input with the C library's locale: without this a UTF-8
  // prompt ("›") fails to convert and libedit crashes.
  std::setlocale(LC_CTYPE, "");
  hist_ = ::history_init();
  HistEvent ev;
  ::history(hist_, &ev, H_SETSIZE, 1000);
  ::history(hist_, &ev, H_SETUNIQUE, 1);
  ::history(hist_, &ev, H_LOAD, history_file_.c_str());
  el_ = ::el_init("jrun", stdin, stdout, stderr);
  ::el_set(el_, EL_CLIENTDATA, this);
  ::el_set(el_, EL_EDITOR, "emacs");
  ::el_set(el_, EL_SIGNAL, 1);
  ::el_set(el_, EL_PROMPT, prompt_of);
  ::el_set(el_, EL_HIST, ::history, hist_);
  ::el_set(el_, EL_ADDFN, "jrun-complete", "complete a jrun word", complete_of);
  ::el_set(el_, EL_BIND, "^I", "jrun-complete", nullptr);
}

LineEditor::~LineEditor() {
  ::el_end(el_);
  ::history_end(hist_);
}

std::optional<std::string> LineEditor::read(const std::string& prompt) {
  prompt_ = prompt;
  int count = 0;
  const char* line = ::el_gets(el_, &count);
  if (line == nullptr || count <= 0) return std::nullopt;
  std::string out(line, static_cast<std::size_t>(count));
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

void LineEditor::remember(const std::string& line) {
  HistEvent ev;
  ::history(hist_, &ev, H_ENTER, line.c_str());
  ::history(hist_, &ev, H_SAVE, history_file_.c_str());
  ::chmod(history_file_.c_str(), 0600);
}

unsigned char LineEditor::complete() {
  const LineInfo* info = ::el_line(el_);
  const std::string before(info->buffer, static_cast<std::size_t>(info->cursor - info->buffer));
  const std::size_t start =
      before.find_last_of(" \t") == std::string::npos ? 0 : before.find_last_of(" \t") + 1;
  const std::string word = before.substr(start);
  const std::vector<std::string> matches = completer_(before.substr(0, start), word);
  if (matches.empty()) return CC_REFRESH_BEEP;
  const std::string prefix = common_prefix(matches);
  std::string insert = prefix.size() > word.size() ? prefix.substr(word.size()) : "";
  if (matches.size() == 1 && !prefix.ends_with("/")) insert += " ";
  if (!insert.empty()) {
    ::el_insertstr(el_, insert.c_str());
    return CC_REFRESH;
  }
  // Ambiguous and nothing to add: list the candidates under the line.
  std::string list = "\n";
  for (const std::string& m : matches) list += m + "  ";
  list += "\n";
  std::fwrite(list.data(), 1, list.size(), stdout);
  std::fflush(stdout);
  return CC_REDISPLAY;
}

}  // namespace jrun::ui
