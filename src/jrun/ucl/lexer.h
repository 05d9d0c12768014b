#pragma once
// Internal to the ucl layer: the character-level half of the parser. A Lexer walks one source
// range once, knows how to read each token kind (keys, quoted strings, heredocs, unquoted atoms,
// numbers) and turns byte offsets into Locations. Errors go to a diagnostic sink; the first one
// stops the lexer (failed()).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/base/source.h"
#include "jrun/ucl/value.h"

namespace jrun::ucl::detail {

/// Offset -> (line, column), amortised O(1) for offsets asked in increasing order.
class LineTracker {
 public:
  LineTracker(std::string_view text, std::uint32_t file) : text_(text), file_(file) {}
  Location at(std::size_t offset);

 private:
  std::string_view text_;
  std::uint32_t file_;
  std::size_t scanned_ = 0;     // offsets below this are counted
  std::size_t line_start_ = 0;  // offset of the first byte of the line containing scanned_
  std::uint32_t line_ = 1;
};

/// "`x`" for a printable byte, "byte 0x01" otherwise, "end of file" for none.
std::string describe_char(std::optional<char> c);

/// Appends the UTF-8 encoding of `code_point` (must be <= 0x10FFFF).
void append_utf8(std::string& out, std::uint32_t code_point);

/// Parses a whole unquoted atom as a libucl number (ints, floats, hex, k/m/g, kb/mb/gb and
/// time suffixes). Returns nullopt when `text` is not a number; sets *out_of_range when it is
/// one that does not fit.
std::optional<Value> parse_number(std::string_view text, Location loc, bool* out_of_range);

/// `null`, `true/yes/on`, `false/no/off` (booleans case-insensitive, as libucl).
std::optional<Value> parse_keyword(std::string_view text, Location loc);

class Lexer {
 public:
  Lexer(std::string_view text, std::size_t begin, std::size_t end, std::uint32_t file,
        std::vector<Diagnostic>* sink);

  Location loc(std::size_t offset) { return lines_.at(offset); }
  Location here() { return lines_.at(pos_); }
  std::size_t pos() const { return pos_; }
  void set_pos(std::size_t pos) { pos_ = pos; }
  bool eof() const { return pos_ >= end_; }
  /// The byte `ahead` positions on, or '\0' past the end of the range.
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < end_ ? text_[pos_ + ahead] : '\0';
  }
  std::optional<char> current() const {
    return pos_ < end_ ? std::optional<char>(text_[pos_]) : std::nullopt;
  }
  std::string_view slice(std::size_t from, std::size_t to) const {
    return text_.substr(from, to - from);
  }
  std::size_t end() const { return end_; }
  bool failed() const { return failed_; }

  /// Records an error at `offset` (the first one only) and returns false.
  bool fail(std::size_t offset, std::string message, std::string hint = {});

  /// Skips white space (line breaks too when `newlines`) and comments (`#`, `//`, nested
  /// `/* */`). *separator becomes true when a line break or a comment was crossed.
  bool skip_blanks(bool newlines, bool* separator = nullptr) {
    // Fast path: most calls stand on a token already.
    if (pos_ < end_ && text_[pos_] > ' ' && text_[pos_] != '#' && text_[pos_] != '/') return true;
    return skip_blanks_slow(newlines, separator);
  }

  /// At `"`: reads a JSON-style string with escapes. *dollar tells whether it holds a `$`.
  bool lex_double_quoted(std::string* out, bool* dollar);
  /// At `'`: reads a single-quoted string (only `\'` and `\<newline>` are escapes).
  bool lex_single_quoted(std::string* out);
  /// At `<<`: reads a heredoc if one starts here (`<<TERM` + newline). *matched is false when
  /// this is not a heredoc (the caller reads an ordinary atom instead).
  bool lex_heredoc(std::string* out, bool* dollar, bool* matched);
  /// Reads an unquoted value up to `;` `,` newline, an unbalanced `]`/`}` or a comment; trailing
  /// blanks are not part of it. Returns [start, end) offsets.
  std::pair<std::size_t, std::size_t> lex_atom();
  /// Reads a bare or quoted key. Fails with a message when there is none.
  bool lex_key(std::string* out);

 private:
  bool skip_blanks_slow(bool newlines, bool* separator);
  bool skip_block_comment();
  bool lex_escape(std::string* out);
  bool lex_unicode_escape(std::string* out);
  bool lex_hex4(std::size_t at, std::uint32_t* out);
  bool at_comment_start(bool after_blank) const;

  std::string_view text_;
  std::size_t pos_;
  std::size_t end_;
  LineTracker lines_;
  std::vector<Diagnostic>* sink_;
  bool failed_ = false;
};

/// Decodes the backslash escapes of an unquoted atom (as libucl unescapes JSON escapes there).
std::string unescape_atom(std::string_view raw);

}  // namespace jrun::ucl::detail
