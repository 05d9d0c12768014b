#pragma once
// Progress bars (downloads, long steps) and the one-line messages ✓ ! ✗ >.

#include <cstdint>
#include <string>
#include <string_view>

#include "jrun/ui/style.h"

namespace jrun::ui {

/// "label  [█████·····]  42%  4.2 MiB / 10.0 MiB" fitted to the width; `total` 0 = unknown
/// (no bar, only what is done). Sizes are bytes when `bytes`, plain counts otherwise.
std::string render_progress(std::string_view label, std::uint64_t done, std::uint64_t total,
                            bool bytes, const Style& style);

enum class MessageKind { kSuccess, kWarning, kError, kInfo };

/// One message line: "✓ text" (bold green mark), "! text" (yellow), "✗ text" (bold red),
/// "> text" (dim), ending in "\n". Newlines inside `text` continue under the text.
std::string render_message(MessageKind kind, std::string_view text, const Style& style);

/// "1.5 KiB", "12.0 MiB", "3.2 GiB" (binary units, one decimal; bytes below 1 KiB).
std::string format_bytes(double bytes);

/// "45s", "12m 3s", "3h 4m", "2d 5h" (two units at most).
std::string format_duration(long seconds);

}  // namespace jrun::ui
