#pragma once
// Small string helpers used across layers.

#include <string>
#include <string_view>
#include <vector>

namespace jrun {

std::vector<std::string> split(std::string_view text, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);

/// Levenshtein distance (for "did you mean" hints).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate to `word` if it is close enough to be a plausible typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

/// Quotes `text` for a POSIX shell: the single quoting path of every generated script.
/// Plain words ([A-Za-z0-9_./:=@%+,-]) stay bare; anything else is single-quoted with
/// embedded quotes written as '\''. The empty string becomes ''.
std::string shell_quote(std::string_view text);

}  // namespace jrun
