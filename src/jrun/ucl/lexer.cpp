#include "jrun/ucl/lexer.h"

#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace jrun::ucl::detail {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

constexpr bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr bool is_high(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// Byte classes of bare keys, one table lookup per byte.
constexpr std::uint8_t kKeyStart = 1;
constexpr std::uint8_t kKeyChar = 2;

constexpr std::array<std::uint8_t, 256> kKeyClasses = [] {
  std::array<std::uint8_t, 256> table{};
  for (int b = 0; b < 256; ++b) {
    char c = static_cast<char>(b);
    bool start = is_alnum(c) || c == '_' || c == '/' || is_high(c);
    bool inner = start || c == '-' || c == '.';
    table[static_cast<std::size_t>(b)] =
        static_cast<std::uint8_t>((start ? kKeyStart : 0) | (inner ? kKeyChar : 0));
  }
  return table;
}();

// Bytes an unquoted atom must look at; every other byte is simply part of it.
constexpr std::array<bool, 256> kAtomSpecial = [] {
  std::array<bool, 256> table{};
  for (char c : std::string_view("{[}]\\\n;,#/")) table[static_cast<unsigned char>(c)] = true;
  table[0] = true;
  return table;
}();

bool is_key_start(char c) { return (kKeyClasses[static_cast<unsigned char>(c)] & kKeyStart) != 0; }

bool is_key_char(char c) { return (kKeyClasses[static_cast<unsigned char>(c)] & kKeyChar) != 0; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Location LineTracker::at(std::size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < scanned_) {
    scanned_ = 0;
    line_start_ = 0;
    line_ = 1;
  }
  const char* base = text_.data();
  std::size_t i = scanned_;
  if constexpr (std::endian::native == std::endian::little) {
    // Eight bytes at a time: a word's line breaks become the high bits of `breaks` (exact, no
    // carry between bytes); the last one is the highest.
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    for (; i + 8 <= offset; i += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, base + i, 8);
      std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>('\n'));
      std::uint64_t breaks = ~(((x & kLow7) + kLow7) | x) & kHigh;
      if (breaks == 0) continue;
      line_ += static_cast<std::uint32_t>(std::popcount(breaks));
      line_start_ = i + static_cast<std::size_t>(63 - std::countl_zero(breaks)) / 8 + 1;
    }
  }
  for (; i < offset; ++i) {
    if (base[i] == '\n') {
      line_start_ = i + 1;
      ++line_;
    }
  }
  scanned_ = offset;
  return Location{file_, line_, static_cast<std::uint32_t>(offset - line_start_ + 1)};
}

Lexer::Lexer(std::string_view text, std::size_t begin, std::size_t end, std::uint32_t file,
             std::vector<Diagnostic>* sink)
    : text_(text), pos_(begin), end_(end), lines_(text, file), sink_(sink) {}

bool Lexer::fail(std::size_t offset, std::string message, std::string hint) {
  if (failed_) return false;
  failed_ = true;
  sink_->push_back(Diagnostic{loc(offset), "", std::move(message), std::move(hint)});
  return false;
}

bool Lexer::skip_blanks_slow(bool newlines, bool* separator) {
  while (pos_ < end_) {
    char c = text_[pos_];
    if (is_blank(c)) {
      ++pos_;
    } else if (c == '\n') {
      if (!newlines) return true;
      if (separator) *separator = true;
      ++pos_;
    } else if (c == '#' || (c == '/' && peek(1) == '/')) {
      while (pos_ < end_ && text_[pos_] != '\n') ++pos_;
      if (separator) *separator = true;
    } else if (c == '/' && peek(1) == '*') {
      if (!skip_block_comment()) return false;
      if (separator) *separator = true;
    } else {
      return true;
    }
  }
  return true;
}

bool Lexer::skip_block_comment() {
  std::size_t start = pos_;
  int depth = 0;
  while (pos_ < end_) {
    if (text_[pos_] == '/' && peek(1) == '*') {
      ++depth;
      pos_ += 2;
    } else if (text_[pos_] == '*' && peek(1) == '/') {
      pos_ += 2;
      if (--depth == 0) return true;
    } else {
      ++pos_;
    }
  }
  return fail(start, "unterminated comment", "`/* */` comments nest: every `/*` needs its `*/`");
}

bool Lexer::lex_hex4(std::size_t at, std::uint32_t* out) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    int digit = at + i < end_ ? hex_digit(text_[at + i]) : -1;
    if (digit < 0) {
      return fail(at - 2, "invalid `\\u` escape: expected 4 hex digits",
                  "write a code point as `\\u00e9` (surrogate pairs for code points above FFFF)");
    }
    value = value * 16 + static_cast<std::uint32_t>(digit);
  }
  *out = value;
  return true;
}

bool Lexer::lex_unicode_escape(std::string* out) {
  // pos_ is just after "\u".
  std::uint32_t cp = 0;
  if (!lex_hex4(pos_, &cp)) return false;
  pos_ += 4;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    std::uint32_t low = 0;
    if (peek() == '\\' && peek(1) == 'u' && pos_ + 6 <= end_ && lex_hex4(pos_ + 2, &low) &&
        low >= 0xDC00 && low <= 0xDFFF) {
      pos_ += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else {
      if (failed_) return false;
      cp = 0xFFFD;  // a lone high surrogate cannot be encoded
    }
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    cp = 0xFFFD;
  }
  append_utf8(*out, cp);
  return true;
}

bool Lexer::lex_escape(std::string* out) {
  // pos_ is at the backslash.
  char c = peek(1);
  pos_ += 2;
  switch (c) {
    case 'n':
      out->push_back('\n');
      return true;
    case 'r':
      out->push_back('\r');
      return true;
    case 't':
      out->push_back('\t');
      return true;
    case 'b':
      out->push_back('\b');
      return true;
    case 'f':
      out->push_back('\f');
      return true;
    case 'u':
      return lex_unicode_escape(out);
    default:
      out->push_back(c);
      return true;  // \\ \" \/ and, as libucl, any other byte
  }
}

bool Lexer::lex_double_quoted(std::string* out, bool* dollar) {
  std::size_t open = pos_++;
  std::size_t run = pos_;  // start of bytes not yet copied to *out
  out->clear();
  while (pos_ < end_) {
    char c = text_[pos_];
    if (c == '"') {
      out->append(text_.substr(run, pos_ - run));
      ++pos_;
      return true;
    }
    if (c == '\\') {
      out->append(text_.substr(run, pos_ - run));
      if (pos_ + 1 >= end_) break;
      if (!lex_escape(out)) return false;
      run = pos_;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      if (c == '\n') break;
      return fail(pos_, "control character " + describe_char(c) + " in a string",
                  "write it as an escape, e.g. `\\t` or `\\u0001`");
    } else {
      if (c == '$') *dollar = true;
      ++pos_;
    }
  }
  return fail(open, "unterminated string",
              "close it with `\"` on the same line (use `\\n` or a heredoc for line breaks)");
}

bool Lexer::lex_single_quoted(std::string* out) {
  std::size_t open = pos_++;
  out->clear();
  while (pos_ < end_) {
    char c = text_[pos_];
    if (c == '\'') {
      ++pos_;
      return true;
    }
    if (c == '\\' && peek(1) == '\'') {
      out->push_back('\'');
      pos_ += 2;
    } else if (c == '\\' && peek(1) == '\n') {
      pos_ += 2;  // line continuation
    } else if (c == '\\' && peek(1) == '\r' && peek(2) == '\n') {
      pos_ += 3;
    } else {
      out->push_back(c);
      ++pos_;
    }
  }
  return fail(open, "unterminated string", "close it with `'`");
}

bool Lexer::lex_heredoc(std::string* out, bool* dollar, bool* matched) {
  std::size_t open = pos_;
  std::size_t term_end = pos_ + 2;
  while (term_end < end_ && text_[term_end] >= 'A' && text_[term_end] <= 'Z') ++term_end;
  std::string_view term = slice(pos_ + 2, term_end);
  std::size_t body = term_end;
  if (body < end_ && text_[body] == '\r') ++body;
  *matched = !term.empty() && body < end_ && text_[body] == '\n';
  if (!*matched) return true;
  std::size_t line = ++body;
  while (line <= end_) {
    std::size_t after = line + term.size();
    if (after <= end_ && slice(line, after) == term) {
      char next = after < end_ ? text_[after] : '\n';
      if (next == '\n' || next == '\r' || next == ';' || next == ',') {
        std::size_t stop = line > body ? line - 1 : body;  // drop the last line break
        std::string_view content = slice(body, stop);
        *dollar = content.find('$') != std::string_view::npos;
        out->assign(content);
        pos_ = after;
        return true;
      }
    }
    const void* nl = std::memchr(text_.data() + line, '\n', end_ - line);
    if (nl == nullptr) break;
    line = static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) + 1;
  }
  return fail(open, "unterminated heredoc: no line `" + std::string(term) + "` found",
              "the terminator must start a line and be followed by a line break");
}

bool Lexer::at_comment_start(bool after_blank) const {
  char c = text_[pos_];
  if (c == '#') return true;
  if (c != '/') return false;
  return peek(1) == '*' || (after_blank && peek(1) == '/');
}

std::pair<std::size_t, std::size_t> Lexer::lex_atom() {
  std::size_t start = pos_;
  int braces = 0;
  int brackets = 0;
  while (pos_ < end_) {
    char c = text_[pos_];
    if (!kAtomSpecial[static_cast<unsigned char>(c)]) {
      ++pos_;
      continue;
    }
    if (c == '{') {
      ++braces;
    } else if (c == '[') {
      ++brackets;
    } else if (c == '}' && braces-- <= 0) {
      break;
    } else if (c == ']' && brackets-- <= 0) {
      break;
    } else if (c == '\\') {
      pos_ = pos_ + 2 < end_ ? pos_ + 2 : end_;
      continue;
    } else if (c == '\n' || c == ';' || c == ',' || c == '\0') {
      break;
    } else if (at_comment_start(pos_ > start && is_blank(text_[pos_ - 1]))) {
      break;
    }
    ++pos_;
  }
  std::size_t stop = pos_;
  while (stop > start && is_blank(text_[stop - 1])) --stop;
  return {start, stop};
}

bool Lexer::lex_key(std::string* out) {
  char c = peek();
  if (eof()) return fail(pos_, "expected a key, found end of file");
  if (c == '"' || c == '\'') {
    std::size_t open = pos_;
    bool dollar = false;
    if (!(c == '"' ? lex_double_quoted(out, &dollar) : lex_single_quoted(out))) return false;
    if (out->empty()) return fail(open, "empty keys are not allowed");
    return true;
  }
  if (!is_key_start(c)) {
    return fail(pos_, "expected a key, found " + describe_char(c),
                "keys start with a letter, a digit, `_` or `/`; quote other keys");
  }
  std::size_t start = pos_;
  while (pos_ < end_ && is_key_char(text_[pos_])) ++pos_;
  out->assign(text_.substr(start, pos_ - start));
  return true;
}

}  // namespace jrun::ucl::detail
