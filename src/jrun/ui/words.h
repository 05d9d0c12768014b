#pragma once
// Splitting a shell line into words (the interactive shell's input) and numbered menus.

#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/ui/style.h"

namespace jrun::ui {

/// Words of `line` as a POSIX shell splits them: blanks separate, '…' is literal, "…" and a
/// backslash escape. kUsage "invalid quoting" for an unterminated quote.
Result<std::vector<std::string>> split_words(const std::string& line);

/// "title" then "  1) option" lines.
std::string render_menu(const std::string& title, const std::vector<std::string>& options,
                        const Style& style);

/// 1-based choices of `answer` ("2", "1 3", "1,3") among `count` options; empty when any
/// part is not a valid choice.
std::vector<std::size_t> parse_choices(const std::string& answer, std::size_t count);

}  // namespace jrun::ui
