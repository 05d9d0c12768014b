#pragma once
// The arrow-key pickers of the interactive shell's wizards (pure: keys in, strings out).
// A single-choice list (↑/↓ or k/j, Enter) and a checkbox list (space toggles, `a` toggles
// all, Enter confirms); Esc, q, Ctrl-C and Ctrl-D cancel. Long lists scroll in a window of
// `height` rows. The terminal adapter (picker_tty.h) feeds keys and draws the frames.

#include <string>
#include <vector>

#include "jrun/ui/keys.h"
#include "jrun/ui/style.h"

namespace jrun::ui {

struct PickerSpec {
  std::string title;
  std::vector<std::string> options;
  bool many = false;        ///< checkbox list
  std::size_t height = 10;  ///< rows of options shown at once
};

enum class PickerOutcome { kPending, kChosen, kCancelled };

class Picker {
 public:
  explicit Picker(PickerSpec spec);

  /// Applies one key; kChosen/kCancelled once the user has answered (later keys are ignored).
  PickerOutcome handle(const Key& key);

  PickerOutcome outcome() const { return outcome_; }
  const PickerSpec& spec() const { return spec_; }
  std::size_t cursor() const { return cursor_; }
  std::size_t top() const { return top_; }
  bool checked(std::size_t index) const { return checked_[index]; }
  /// Rows shown: min(height, number of options), at least 1.
  std::size_t rows() const;
  /// A hint after a refused Enter ("select with space…"), else "".
  const std::string& notice() const { return notice_; }
  /// 0-based indices chosen: the cursor's (single) or the checked ones in order (many).
  std::vector<std::size_t> chosen() const;

 private:
  void move_to(std::size_t index);
  void move_by(long delta, bool wrap);
  PickerOutcome confirm();

  PickerSpec spec_;
  std::size_t cursor_ = 0;
  std::size_t top_ = 0;
  std::vector<bool> checked_;
  std::string notice_;
  PickerOutcome outcome_ = PickerOutcome::kPending;
};

/// The picker as it is drawn while pending: "? title  (keys)" then one row per visible option
/// ("❯" marks the cursor, "◉/○" the checkboxes), "↑ N more"/"↓ N more" around a scrolled
/// window, and the notice. Every line fits `style.width` and ends in "\n".
std::string render_picker(const Picker& picker, const Style& style);

/// The line left on screen once answered: "? title  web, db" or "? title  cancelled".
std::string render_picker_answer(const Picker& picker, const Style& style);

}  // namespace jrun::ui
