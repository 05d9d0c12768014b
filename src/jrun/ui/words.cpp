#include "jrun/ui/words.h"

#include <cctype>

namespace jrun::ui {

Result<std::vector<std::string>> split_words(const std::string& line) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote == '\'') {
      if (c == '\'')
        quote = 0;
      else
        word += c;
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else if (c == '\\' && i + 1 < line.size() &&
                 (line[i + 1] == '"' || line[i + 1] == '\\' || line[i + 1] == '$')) {
        word += line[++i];
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (in_word) out.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote != 0) return make_error(ErrorCode::kUsage, "invalid quoting");
  if (in_word) out.push_back(word);
  return out;
}

std::string render_menu(const std::string& title, const std::vector<std::string>& options,
                        const Style& style) {
  std::string out = paint(title, Color::kBold, style) + "\n";
  for (std::size_t i = 0; i < options.size(); ++i) {
    out += "  " + paint(std::to_string(i + 1) + ")", Color::kCyan, style) + " " + options[i] + "\n";
  }
  return out;
}

std::vector<std::size_t> parse_choices(const std::string& answer, std::size_t count) {
  std::vector<std::size_t> out;
  std::string number;
  auto flush = [&]() -> bool {
    if (number.empty()) return true;
    const std::size_t n = std::stoul(number);
    number.clear();
    if (n < 1 || n > count) return false;
    out.push_back(n);
    return true;
  };
  for (const char c : answer) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      if (number.size() > 6) return {};
      number += c;
    } else if (c == ' ' || c == ',') {
      if (!flush()) return {};
    } else {
      return {};
    }
  }
  if (!flush()) return {};
  return out;
}

}  // namespace jrun::ui
