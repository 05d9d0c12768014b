#include "jrun/base/source.h"

#include <string>

namespace jrun {

std::uint32_t SourceMap::add(std::string path, std::string text, bool quotable) {
  files_.push_back(SourceFile{std::move(path), std::move(text), quotable});
  return static_cast<std::uint32_t>(files_.size());
}

std::string_view SourceMap::path(const Location& loc) const {
  if (!loc.known() || loc.file > files_.size()) return {};
  return file(loc.file).path;
}

std::string_view SourceMap::line_text(const Location& loc) const {
  if (!loc.known() || loc.file > files_.size() || loc.line == 0) return {};
  if (!file(loc.file).quotable) return {};
  std::string_view text = file(loc.file).text;
  std::size_t start = 0;
  for (std::uint32_t line = 1; line < loc.line; ++line) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string format_location(const SourceMap& sources, const Location& loc) {
  if (!loc.known()) return "<unknown>";
  std::string out(sources.path(loc));
  if (loc.line == 0) return out;
  out += ':' + std::to_string(loc.line);
  if (loc.column != 0) out += ':' + std::to_string(loc.column);
  return out;
}

}  // namespace jrun
