#pragma once
// The thin terminal adapter of the pickers (picker.h): stdin in raw mode, frames redrawn in
// place on stdout. The terminal's mode is restored and the cursor shown on every way out
// (answer, Esc/q/Ctrl-C, SIGINT/SIGTERM, end of input, an exception).

#include <functional>
#include <optional>
#include <vector>

#include "jrun/ui/picker.h"
#include "jrun/ui/terminal.h"

namespace jrun::ui {

/// True when the pickers can be drawn: stdin and stdout are terminals and TERM is set and not
/// "dumb". Otherwise callers fall back to a numbered menu.
bool pickers_available(const Env& env);

/// Shows `spec` and waits for the answer: the 0-based chosen indices, or nullopt when cancelled
/// or when `interrupted` turns true (polled after every signal that interrupts the read).
std::optional<std::vector<std::size_t>> run_picker(PickerSpec spec, const Style& style,
                                                   const std::function<bool()>& interrupted);

}  // namespace jrun::ui
