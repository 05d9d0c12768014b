#include "jrun/ui/keys.h"

namespace jrun::ui {
namespace {

constexpr char kEsc = '\033';

// The key of a complete CSI/SS3 sequence's final byte and parameter ("1", "5", ...).
Key sequence_key(char final, std::string_view param) {
  switch (final) {
    case 'A':
      return {KeyKind::kUp};
    case 'B':
      return {KeyKind::kDown};
    case 'C':
      return {KeyKind::kRight};
    case 'D':
      return {KeyKind::kLeft};
    case 'H':
      return {KeyKind::kHome};
    case 'F':
      return {KeyKind::kEnd};
    case '~':
      if (param == "1" || param == "7") return {KeyKind::kHome};
      if (param == "4" || param == "8") return {KeyKind::kEnd};
      if (param == "5") return {KeyKind::kPageUp};
      if (param == "6") return {KeyKind::kPageDown};
      return {KeyKind::kUnknown};
    default:
      return {KeyKind::kUnknown};
  }
}

Key byte_key(char c) {
  switch (c) {
    case '\r':
    case '\n':
      return {KeyKind::kEnter};
    case ' ':
      return {KeyKind::kSpace};
    case '\t':
      return {KeyKind::kTab};
    case 0x7f:
    case 0x08:
      return {KeyKind::kBackspace};
    case 0x03:
      return {KeyKind::kInterrupt};
    case 0x04:
      return {KeyKind::kEof};
    case 0x0e:  // Ctrl-N
      return {KeyKind::kDown};
    case 0x10:  // Ctrl-P
      return {KeyKind::kUp};
    default:
      break;
  }
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x20) return {KeyKind::kUnknown};
  return {KeyKind::kChar, c};
}

// Length of the complete escape sequence at the start of `s` (s[0] == ESC), 0 when more bytes
// are needed. Sets `key`.
std::size_t parse_escape(std::string_view s, Key& key) {
  if (s.size() < 2) return 0;
  if (s[1] == 'O') {  // SS3: ESC O <final>
    if (s.size() < 3) return 0;
    key = sequence_key(s[2], "");
    return 3;
  }
  if (s[1] != '[') {  // Alt+key or ESC followed by a key: the ESC alone, the rest decoded next
    key = {KeyKind::kEscape};
    return 1;
  }
  // CSI: ESC [ parameters (0x30-0x3F)* intermediates (0x20-0x2F)* final (0x40-0x7E)
  for (std::size_t i = 2; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x40 && c <= 0x7e) {
      key = sequence_key(s[i], s.substr(2, i - 2));
      return i + 1;
    }
    if (c < 0x20 || c > 0x3f) {  // not a sequence after all
      key = {KeyKind::kUnknown};
      return i;
    }
  }
  return 0;
}

}  // namespace

std::vector<Key> KeyDecoder::feed(std::string_view bytes) {
  buffer_.append(bytes);
  std::vector<Key> keys;
  std::size_t pos = 0;
  while (pos < buffer_.size()) {
    if (buffer_[pos] != kEsc) {
      keys.push_back(byte_key(buffer_[pos++]));
      continue;
    }
    Key key;
    const std::size_t used = parse_escape(std::string_view(buffer_).substr(pos), key);
    if (used == 0) break;
    keys.push_back(key);
    pos += used;
  }
  buffer_.erase(0, pos);
  return keys;
}

std::vector<Key> KeyDecoder::flush() {
  if (buffer_.empty()) return {};
  std::vector<Key> keys;
  // "ESC" → Escape; "ESC [" or "ESC O" (cut short) → Escape then the byte as a character.
  keys.push_back({KeyKind::kEscape});
  for (std::size_t i = 1; i < buffer_.size(); ++i) keys.push_back(byte_key(buffer_[i]));
  buffer_.clear();
  return keys;
}

}  // namespace jrun::ui
