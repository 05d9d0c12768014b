#pragma once
// Decoding terminal input bytes into keys for the arrow-key pickers (pure: no I/O). Handles
// CSI (ESC [ A) and SS3 (ESC O A) arrows, Home/End/PageUp/PageDown, and sequences split across
// reads: bytes are fed as they arrive and a lone ESC is only a key once `flush` says no more
// bytes followed it.

#include <string>
#include <string_view>
#include <vector>

namespace jrun::ui {

enum class KeyKind {
  kChar,  ///< a printable character (`ch`)
  kUp,
  kDown,
  kLeft,
  kRight,
  kHome,
  kEnd,
  kPageUp,
  kPageDown,
  kEnter,
  kSpace,
  kTab,
  kBackspace,
  kEscape,
  kInterrupt,  ///< Ctrl-C
  kEof,        ///< Ctrl-D
  kUnknown,    ///< an escape sequence or control byte jrun does not use
};

struct Key {
  KeyKind kind = KeyKind::kUnknown;
  char ch = 0;  ///< for kChar
  bool operator==(const Key&) const = default;
};

class KeyDecoder {
 public:
  /// Keys completed by `bytes` (appended to what earlier calls left incomplete).
  std::vector<Key> feed(std::string_view bytes);
  /// The input went quiet: an incomplete sequence is what it is so far (a lone ESC → kEscape).
  std::vector<Key> flush();
  /// True when bytes of an unfinished escape sequence are waiting.
  bool pending() const { return !buffer_.empty(); }

 private:
  std::string buffer_;
};

}  // namespace jrun::ui
