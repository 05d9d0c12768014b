#pragma once
// Source files and positions. Every UCL node carries a Location; diagnostics render against the
// SourceMap that owns the text, so an error can show the line and a caret.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace jrun {

/// A position in a source file: file id in a SourceMap, 1-based line and column (bytes).
/// file == 0 means "no position" (a value that did not come from a file).
struct Location {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  bool known() const { return file != 0; }
  friend bool operator==(const Location&, const Location&) = default;
};

/// One loaded source: its path as the user named it (or as resolved from an include) and text.
struct SourceFile {
  std::string path;
  std::string text;
  /// Whether diagnostics may quote its lines: false for a file included from outside the
  /// config's directory (`.include "/etc/shadow"` must not print the file).
  bool quotable = true;
};

/// Owns every source text read while parsing one config, so locations stay valid and
/// diagnostics can quote lines. Ids start at 1. References returned stay valid (deque).
class SourceMap {
 public:
  /// Adds a file; returns its id.
  std::uint32_t add(std::string path, std::string text, bool quotable = true);
  const SourceFile& file(std::uint32_t id) const { return files_.at(id - 1); }
  std::size_t size() const { return files_.size(); }

  /// The path of a location's file, or "" for an unknown location.
  std::string_view path(const Location& loc) const;
  /// The text of line `loc.line` (without its newline), or "" when unknown or not quotable.
  std::string_view line_text(const Location& loc) const;

 private:
  std::deque<SourceFile> files_;
};

/// "file:line:col" (or "file" / "<unknown>" when parts are missing).
std::string format_location(const SourceMap& sources, const Location& loc);

}  // namespace jrun
