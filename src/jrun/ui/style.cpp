#include "jrun/ui/style.h"

namespace jrun::ui {
namespace {

std::string_view escape(Color color) {
  switch (color) {
    case Color::kNone:
      return "";
    case Color::kGreen:
      return "\033[32m";
    case Color::kYellow:
      return "\033[33m";
    case Color::kRed:
      return "\033[31m";
    case Color::kCyan:
      return "\033[36m";
    case Color::kDim:
      return "\033[2m";
    case Color::kBold:
      return "\033[1m";
    case Color::kBoldGreen:
      return "\033[1;32m";
    case Color::kBoldRed:
      return "\033[1;31m";
  }
  return "";
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string paint(std::string_view text, Color color, const Style& style) {
  if (!style.color || color == Color::kNone || text.empty()) return std::string(text);
  return std::string(escape(color)) + std::string(text) + "\033[0m";
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\033' && i + 1 < text.size() && text[i + 1] == '[') {
      // CSI: parameters up to the final byte (@ to ~).
      i += 2;
      while (i < text.size() && (text[i] < '@' || text[i] > '~')) ++i;
      continue;
    }
    if (!continuation(text[i])) ++width;
  }
  return width;
}

std::string truncate(std::string_view text, std::size_t width, const Style& style) {
  // Pre-painted text (sparklines) is never cut: cutting could split an escape.
  if (display_width(text) <= width || text.find('\033') != std::string_view::npos) {
    return std::string(text);
  }
  if (width == 0) return "";
  std::string out;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!continuation(text[i])) {
      if (columns == width - 1) break;
      ++columns;
    }
    out += text[i];
  }
  return out + std::string(glyph(style, "…", "~"));
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t used = display_width(text);
  return std::string(text) + std::string(used < width ? width - used : 0, ' ');
}

Color state_color(std::string_view state) {
  if (state == "up" || state == "ok" || state == "running" || state == "passing") {
    return Color::kGreen;
  }
  if (state == "down" || state == "failed" || state == "missing" || state == "failing" ||
      state.find("failed") != std::string_view::npos) {
    return Color::kRed;
  }
  return Color::kYellow;
}

}  // namespace jrun::ui
