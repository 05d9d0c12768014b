#include "jrun/ui/table.h"

#include <algorithm>

#include "jrun/base/strings.h"

namespace jrun::ui {
namespace {

constexpr std::size_t kGap = 2;
constexpr std::size_t kMinColumn = 6;

std::vector<std::size_t> natural_widths(const Table& table) {
  std::vector<std::size_t> width(table.header.size(), 0);
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    width[c] = display_width(table.header[c]);
  }
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
      for (const std::string& line : split(row[c].text, '\n')) {
        width[c] = std::max(width[c], display_width(line));
      }
    }
  }
  return width;
}

// Shrinks the widest column one column at a time until the table fits (or nothing can shrink).
void fit(std::vector<std::size_t>& width, const Table& table, std::size_t total) {
  const std::size_t indent = display_width(table.indent);
  auto shrinkable = [&](std::size_t c) {
    return c >= table.keep &&
           std::find(table.fixed.begin(), table.fixed.end(), c) == table.fixed.end();
  };
  auto used = [&] {
    std::size_t sum = indent;
    for (std::size_t w : width) sum += w + kGap;
    return sum - (width.empty() ? 0 : kGap);
  };
  while (used() > total) {
    std::size_t widest = width.size();
    for (std::size_t c = 0; c < width.size(); ++c) {
      if (shrinkable(c) && (widest == width.size() || width[c] > width[widest])) widest = c;
    }
    if (widest == width.size() || width[widest] <= kMinColumn) return;
    --width[widest];
  }
}

std::string render_line(const std::vector<std::string>& texts, const std::vector<Color>& colors,
                        const std::vector<std::size_t>& width, const Table& table,
                        const Style& style) {
  std::string out = table.indent;
  // Trailing empty cells add no spaces: lines never end in blanks.
  std::size_t last = texts.size();
  while (last > 0 && texts[last - 1].empty()) --last;
  for (std::size_t c = 0; c < last; ++c) {
    const std::string text = truncate(texts[c], width[c], style);
    out += paint(text, colors[c], style);
    const std::size_t used = display_width(text);
    if (c + 1 < last) out += std::string((width[c] > used ? width[c] - used : 0) + kGap, ' ');
  }
  return out + "\n";
}

}  // namespace

std::string render_table(const Table& table, const Style& style) {
  std::vector<std::size_t> width = natural_widths(table);
  fit(width, table, style.width);
  const std::size_t columns = width.size();
  std::string out =
      render_line(table.header, std::vector<Color>(columns, Color::kDim), width, table, style);
  for (const auto& row : table.rows) {
    std::vector<std::vector<std::string>> lines(columns);
    std::size_t height = 1;
    std::vector<Color> colors(columns, Color::kNone);
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
      lines[c] = split(row[c].text, '\n');
      colors[c] = row[c].color;
      height = std::max(height, lines[c].size());
    }
    for (std::size_t l = 0; l < height; ++l) {
      std::vector<std::string> texts(columns);
      for (std::size_t c = 0; c < columns; ++c) {
        if (l < lines[c].size()) texts[c] = lines[c][l];
      }
      out += render_line(texts, colors, width, table, style);
    }
  }
  return out;
}

}  // namespace jrun::ui
