#include "jrun/ui/picker_tty.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace jrun::ui {
namespace {

// How long an ESC waits for the rest of its sequence before it counts as the Escape key.
constexpr int kEscapeWaitMs = 50;

void write_out(const std::string& text) {
  std::fflush(stdout);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(1, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Raw input (no echo, no line buffering, Ctrl-C as a byte) and a hidden cursor while alive.
class RawMode {
 public:
  RawMode() {
    if (::tcgetattr(0, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ICANON | ISIG | IEXTEN);
    raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    active_ = ::tcsetattr(0, TCSANOW, &raw) == 0;
    write_out("\033[?25l");
  }
  ~RawMode() {
    write_out("\033[?25h");
    if (active_) ::tcsetattr(0, TCSANOW, &saved_);
  }
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

std::size_t count_lines(const std::string& frame) {
  std::size_t n = 0;
  for (char c : frame) n += c == '\n' ? 1 : 0;
  return n;
}

int terminal_rows() {
  winsize size{};
  if (::ioctl(1, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) return 24;
  return size.ws_row;
}

// Keys from stdin: empty on end of input or a signal (the caller checks `interrupted`).
std::optional<std::vector<Key>> next_keys(KeyDecoder& decoder) {
  pollfd fd{0, POLLIN, 0};
  const int ready = ::poll(&fd, 1, decoder.pending() ? kEscapeWaitMs : -1);
  if (ready < 0) return std::vector<Key>{};  // EINTR
  if (ready == 0) return decoder.flush();
  char bytes[64];
  const ssize_t n = ::read(0, bytes, sizeof bytes);
  if (n < 0) return std::vector<Key>{};
  if (n == 0) return std::nullopt;
  return decoder.feed(std::string_view(bytes, static_cast<std::size_t>(n)));
}

}  // namespace

bool pickers_available(const Env& env) {
  auto term = env.find("TERM");
  if (term == env.end() || term->second.empty() || term->second == "dumb") return false;
  return ::isatty(0) != 0 && ::isatty(1) != 0;
}

std::optional<std::vector<std::size_t>> run_picker(PickerSpec spec, const Style& style,
                                                   const std::function<bool()>& interrupted) {
  Style fit = style;
  fit.width = style.width > 1 ? style.width - 1 : style.width;  // no auto-wrap on the last column
  const int rows = terminal_rows();
  spec.height =
      std::min<std::size_t>(spec.height, rows > 8 ? static_cast<std::size_t>(rows - 4) : 4);
  Picker picker(std::move(spec));
  KeyDecoder decoder;
  RawMode raw;
  std::size_t drawn = 0;
  auto redraw = [&](const std::string& frame) {
    std::string out = drawn > 0 ? "\033[" + std::to_string(drawn) + "A\r\033[J" : "\r\033[J";
    write_out(out + frame);
    drawn = count_lines(frame);
  };
  redraw(render_picker(picker, fit));
  while (picker.outcome() == PickerOutcome::kPending) {
    auto keys = next_keys(decoder);
    if (!keys || (interrupted && interrupted())) {
      picker.handle({KeyKind::kInterrupt});
      break;
    }
    for (const Key& key : *keys) picker.handle(key);
    if (picker.outcome() == PickerOutcome::kPending) redraw(render_picker(picker, fit));
  }
  redraw(render_picker_answer(picker, fit));
  if (picker.outcome() != PickerOutcome::kChosen) return std::nullopt;
  return picker.chosen();
}

}  // namespace jrun::ui
