#include "jrun/ui/picker.h"

#include <algorithm>

namespace jrun::ui {

Picker::Picker(PickerSpec spec) : spec_(std::move(spec)), checked_(spec_.options.size(), false) {
  if (spec_.height == 0) spec_.height = 1;
}

std::size_t Picker::rows() const {
  return std::max<std::size_t>(1, std::min(spec_.height, spec_.options.size()));
}

std::vector<std::size_t> Picker::chosen() const {
  if (outcome_ != PickerOutcome::kChosen) return {};
  if (!spec_.many) return {cursor_};
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < checked_.size(); ++i) {
    if (checked_[i]) out.push_back(i);
  }
  return out;
}

void Picker::move_to(std::size_t index) {
  if (spec_.options.empty()) return;
  cursor_ = std::min(index, spec_.options.size() - 1);
  if (cursor_ < top_) top_ = cursor_;
  if (cursor_ >= top_ + rows()) top_ = cursor_ + 1 - rows();
}

void Picker::move_by(long delta, bool wrap) {
  const long count = static_cast<long>(spec_.options.size());
  if (count == 0) return;
  long next = static_cast<long>(cursor_) + delta;
  if (wrap) {
    next = ((next % count) + count) % count;
  } else {
    next = std::clamp(next, 0L, count - 1);
  }
  move_to(static_cast<std::size_t>(next));
}

PickerOutcome Picker::confirm() {
  if (spec_.options.empty()) return outcome_ = PickerOutcome::kCancelled;
  if (spec_.many && std::find(checked_.begin(), checked_.end(), true) == checked_.end()) {
    notice_ = "select with space (a: all), then press enter";
    return outcome_;
  }
  return outcome_ = PickerOutcome::kChosen;
}

PickerOutcome Picker::handle(const Key& key) {
  if (outcome_ != PickerOutcome::kPending) return outcome_;
  notice_.clear();
  const long page = static_cast<long>(rows());
  switch (key.kind) {
    case KeyKind::kUp:
      move_by(-1, true);
      break;
    case KeyKind::kDown:
    case KeyKind::kTab:
      move_by(1, true);
      break;
    case KeyKind::kHome:
      move_to(0);
      break;
    case KeyKind::kEnd:
      move_by(static_cast<long>(spec_.options.size()), false);
      break;
    case KeyKind::kPageUp:
      move_by(-page, false);
      break;
    case KeyKind::kPageDown:
      move_by(page, false);
      break;
    case KeyKind::kEnter:
      return confirm();
    case KeyKind::kSpace:
      if (spec_.many && !checked_.empty()) checked_[cursor_] = !checked_[cursor_];
      break;
    case KeyKind::kEscape:
    case KeyKind::kInterrupt:
    case KeyKind::kEof:
      return outcome_ = PickerOutcome::kCancelled;
    case KeyKind::kChar:
      switch (key.ch) {
        case 'k':
          move_by(-1, true);
          break;
        case 'j':
          move_by(1, true);
          break;
        case 'g':
          move_to(0);
          break;
        case 'G':
          move_by(static_cast<long>(spec_.options.size()), false);
          break;
        case 'q':
          return outcome_ = PickerOutcome::kCancelled;
        case 'a':
          if (spec_.many) {
            const bool all = std::find(checked_.begin(), checked_.end(), false) == checked_.end();
            std::fill(checked_.begin(), checked_.end(), !all);
          }
          break;
        default:
          if (key.ch >= '1' && key.ch <= '9') move_to(static_cast<std::size_t>(key.ch - '1'));
          break;
      }
      break;
    default:
      break;
  }
  return outcome_;
}

namespace {

std::string title_line(const Picker& picker, const Style& style) {
  return paint("?", Color::kGreen, style) + " " + paint(picker.spec().title, Color::kBold, style);
}

std::string fitted(const std::string& plain, Color color, const Style& style) {
  return paint(truncate(plain, style.width, style), color, style) + "\n";
}

// Control characters (a newline in a file name) would break the frame: shown as '?'.
std::string printable(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

std::string option_row(const Picker& picker, std::size_t i, const Style& style) {
  const bool here = i == picker.cursor();
  std::string mark = here ? std::string(glyph(style, "❯", ">")) : " ";
  std::string box;
  if (picker.spec().many) {
    box = picker.checked(i) ? std::string(glyph(style, "◉", "[x]"))
                            : std::string(glyph(style, "○", "[ ]"));
    box += " ";
  }
  const std::string row = " " + mark + " " + box + printable(picker.spec().options[i]);
  if (!style.color) return truncate(row, style.width, style) + "\n";
  const std::string cut = truncate(row, style.width, style);
  // Colour the pointer row cyan; a checked box green elsewhere.
  if (here) return paint(cut, Color::kCyan, style) + "\n";
  if (picker.spec().many && picker.checked(i)) return paint(cut, Color::kGreen, style) + "\n";
  return cut + "\n";
}

}  // namespace

std::string render_picker(const Picker& picker, const Style& style) {
  const bool many = picker.spec().many;
  const std::string keys = many ? "(↑↓ move, space select, a all, enter confirm, esc cancel)"
                                : "(↑↓ move, enter select, esc cancel)";
  const std::string ascii_keys =
      many ? "(up/down move, space select, a all, enter confirm, esc cancel)"
           : "(up/down move, enter select, esc cancel)";
  std::string head = title_line(picker, style);
  const std::size_t used = display_width(head) + 2;
  const std::string hint = std::string(glyph(style, keys, ascii_keys));
  if (used < style.width)
    head += "  " + paint(truncate(hint, style.width - used, style), Color::kDim, style);
  std::string out = head + "\n";
  const auto& options = picker.spec().options;
  if (options.empty()) return out + fitted("   (nothing to choose)", Color::kDim, style);
  const std::size_t top = picker.top(), end = std::min(options.size(), top + picker.rows());
  if (top > 0) {
    out += fitted("   " + std::string(glyph(style, "↑", "^")) + " " + std::to_string(top) + " more",
                  Color::kDim, style);
  }
  for (std::size_t i = top; i < end; ++i) out += option_row(picker, i, style);
  if (end < options.size()) {
    out += fitted("   " + std::string(glyph(style, "↓", "v")) + " " +
                      std::to_string(options.size() - end) + " more",
                  Color::kDim, style);
  }
  if (!picker.notice().empty()) out += fitted("  " + picker.notice(), Color::kYellow, style);
  return out;
}

std::string render_picker_answer(const Picker& picker, const Style& style) {
  std::string head = title_line(picker, style);
  std::string answer;
  if (picker.outcome() != PickerOutcome::kChosen) {
    answer = "cancelled";
  } else {
    for (std::size_t i : picker.chosen()) {
      answer += (answer.empty() ? "" : ", ") + printable(picker.spec().options[i]);
    }
  }
  const std::size_t used = display_width(head) + 2;
  if (used >= style.width) return head + "\n";
  const Color color = picker.outcome() == PickerOutcome::kChosen ? Color::kCyan : Color::kDim;
  return head + "  " + paint(truncate(answer, style.width - used, style), color, style) + "\n";
}

}  // namespace jrun::ui
