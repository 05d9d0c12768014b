#include "jrun/cli/output.h"

#include <string>

namespace jrun::cli {

void Output::print(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void Output::error_text(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), err_);
  std::fflush(err_);
}

void Output::line(std::FILE* stream, std::string_view mark, std::string_view colour,
                  std::string_view message) {
  std::string text;
  if (color_) {
    text = std::string(colour) + std::string(mark) + "\033[0m " + std::string(message) + "\n";
  } else {
    text = std::string(mark) + " " + std::string(message) + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

void Output::success(std::string_view message) { line(out_, "✓", "\033[1;32m", message); }
void Output::warning(std::string_view message) { line(err_, "!", "\033[33m", message); }
void Output::error(std::string_view message) { line(err_, "✗", "\033[1;31m", message); }
void Output::info(std::string_view message) { line(out_, ">", "\033[2m", message); }

}  // namespace jrun::cli
