#include "jrun/base/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace jrun {
namespace {

// Length of the token starting at `column` (1-based) so the caret underlines all of it.
std::size_t token_width(std::string_view line, std::uint32_t column) {
  if (column == 0 || column > line.size()) return 1;
  std::size_t start = column - 1;
  char first = line[start];
  if (first == '"' || first == '\'') {
    std::size_t end = line.find(first, start + 1);
    return end == std::string_view::npos ? line.size() - start : end - start + 1;
  }
  std::size_t end = start;
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_-./$:~").find(c) != std::string_view::npos;
  };
  while (end < line.size() && is_word(line[end])) ++end;
  return std::max<std::size_t>(1, end - start);
}

// Longest part of a source line quoted, and how much of it comes before the column.
constexpr std::size_t kShown = 120;
constexpr std::size_t kContext = 40;

}  // namespace

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.loc.file, d.loc.line, d.loc.column, d.message);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [&](const Diagnostic& a, const Diagnostic& b) {
                                  return key(a) == key(b) && a.field == b.field;
                                }),
                    diagnostics.end());
}

std::string render_diagnostics(const SourceMap& sources,
                               const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += format_location(sources, d.loc);
    out += ": error: ";
    out += d.message;
    out += '\n';
    std::string_view line = sources.line_text(d.loc);
    if (d.loc.line != 0 && d.loc.column != 0 && d.loc.column <= line.size() + 1) {
      // A long line (a 50 MB `cmd`) is shown as a window around the column.
      std::size_t from =
          line.size() > kShown && d.loc.column > kContext + 1 ? d.loc.column - 1 - kContext : 0;
      std::string_view shown = line.substr(from, kShown);
      const std::string before = from > 0 ? "…" : "";
      const std::string after = from + shown.size() < line.size() ? "…" : "";
      const auto column = static_cast<std::uint32_t>(d.loc.column - from);
      std::string number = std::to_string(d.loc.line);
      std::string gutter(number.size(), ' ');
      out += ' ' + number + " | " + before;
      out += shown;
      out += after + '\n';
      out += ' ' + gutter + " | " + (before.empty() ? "" : " ");
      // Keep tabs so the caret lines up under tab-indented source.
      for (std::uint32_t i = 1; i < column; ++i) out += shown[i - 1] == '\t' ? '\t' : ' ';
      out += '^';
      out += std::string(token_width(shown, column) - 1, '~');
      out += '\n';
    }
    if (!d.hint.empty()) out += "  = hint: " + d.hint + '\n';
  }
  return out;
}

}  // namespace jrun
