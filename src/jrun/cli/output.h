#pragma once
// The terminal adapter for now: one-line messages (✓ ! ✗ >) with colour only on a terminal and
// when NO_COLOR is unset. Renderers elsewhere return strings; this is where they get printed.

#include <cstdio>
#include <mutex>
#include <string_view>

namespace jrun::cli {

class Output {
 public:
  Output(std::FILE* out, std::FILE* err, bool color) : out_(out), err_(err), color_(color) {}

  void print(std::string_view text);       ///< raw text to stdout
  void success(std::string_view message);  ///< ✓ message
  void warning(std::string_view message);  ///< ! message (stderr)
  void error(std::string_view message);    ///< ✗ message (stderr)
  void info(std::string_view message);     ///< > message
  void error_text(std::string_view text);  ///< raw text to stderr
  /// A status line (a spinner) drawn in place on stdout, a terminal; erased before anything
  /// else is printed, so lines from other threads never land after it. "" erases it.
  void transient(std::string_view text);

 private:
  void line(std::FILE* stream, std::string_view mark, std::string_view colour,
            std::string_view message);
  void write(std::FILE* stream, std::string_view text);
  std::FILE* out_;
  std::FILE* err_;
  bool color_;
  std::mutex mu_;  ///< one write at a time (the engine prints from worker threads)
  bool transient_ = false;
};

}  // namespace jrun::cli
