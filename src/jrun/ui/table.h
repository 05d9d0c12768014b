#pragma once
// Borderless tables (the reference's status table): a dim header, left-aligned columns two
// spaces apart, cells of several lines, and columns shrunk to fit the width.

#include <string>
#include <vector>

#include "jrun/ui/style.h"

namespace jrun::ui {

struct Cell {
  std::string text;  ///< plain text; "\n" separates the lines of a multi-line cell
  Color color = Color::kNone;
};

struct Table {
  std::vector<std::string> header;      ///< "" for an unnamed column (e.g. a sparkline)
  std::vector<std::vector<Cell>> rows;  ///< each as long as the header
  std::string indent = "  ";
  std::size_t keep = 1;            ///< the first `keep` columns are never cut (names)
  std::vector<std::size_t> fixed;  ///< further columns never cut (pre-painted sparklines)
};

/// The table as text, one line per row line, every line ending in "\n". When it is wider
/// than `style.width` the widest columns are cut (with "…") down to 6 columns each at least;
/// the `keep` first and the `fixed` columns keep their width.
std::string render_table(const Table& table, const Style& style);

}  // namespace jrun::ui
