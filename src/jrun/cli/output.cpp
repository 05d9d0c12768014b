#include "jrun/cli/output.h"

#include <string>

namespace jrun::cli {

void Output::write(std::FILE* stream, std::string_view text) {
  std::lock_guard lock(mu_);
  if (transient_) {
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
    transient_ = false;
  }
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

void Output::print(std::string_view text) { write(out_, text); }

void Output::error_text(std::string_view text) { write(err_, text); }

void Output::transient(std::string_view text) {
  write(out_, text.empty() ? "" : "\r" + std::string(text) + "\033[K");
  std::lock_guard lock(mu_);
  transient_ = !text.empty();
}

void Output::line(std::FILE* stream, std::string_view mark, std::string_view colour,
                  std::string_view message) {
  std::string text;
  if (color_) {
    text = std::string(colour) + std::string(mark) + "\033[0m " + std::string(message) + "\n";
  } else {
    text = std::string(mark) + " " + std::string(message) + "\n";
  }
  write(stream, text);
}

void Output::success(std::string_view message) { line(out_, "✓", "\033[1;32m", message); }
void Output::warning(std::string_view message) { line(err_, "!", "\033[33m", message); }
void Output::error(std::string_view message) { line(err_, "✗", "\033[1;31m", message); }
void Output::info(std::string_view message) { line(out_, ">", "\033[2m", message); }

}  // namespace jrun::cli
