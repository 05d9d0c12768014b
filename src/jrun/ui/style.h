#pragma once
// How renderers draw: colour or plain, Unicode or ASCII, and the width to fit. Renderers are
// pure functions of their data and a Style; the terminal adapter (terminal.h) picks the Style.

#include <cstddef>
#include <string>
#include <string_view>

namespace jrun::ui {

enum class Color { kNone, kGreen, kYellow, kRed, kCyan, kDim, kBold, kBoldGreen, kBoldRed };

struct Style {
  bool color = false;      ///< ANSI colour escapes
  bool unicode = true;     ///< box drawing, braille, ✓; ASCII fallbacks otherwise
  std::size_t width = 80;  ///< columns to fit
};

/// `text` wrapped in the escape of `color` (unchanged without colour or for kNone).
std::string paint(std::string_view text, Color color, const Style& style);

/// Columns `text` takes on a terminal: code points, ignoring ANSI escapes (every code point
/// jrun prints is one column wide).
std::size_t display_width(std::string_view text);

/// `text` cut to `width` columns, ending in "…" ("~" in ASCII) when cut. Plain text only.
std::string truncate(std::string_view text, std::size_t width, const Style& style);

/// `text` followed by spaces up to `width` columns.
std::string pad_right(std::string_view text, std::size_t width);

/// The Unicode glyph or its ASCII fallback.
inline std::string_view glyph(const Style& style, std::string_view unicode,
                              std::string_view ascii) {
  return style.unicode ? unicode : ascii;
}

/// Colour of a jail or service state word: green for up/ok/running, red for down/failed,
/// yellow for anything in between.
Color state_color(std::string_view state);

}  // namespace jrun::ui
