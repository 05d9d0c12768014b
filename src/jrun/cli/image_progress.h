#pragma once
// The progress display of vm::ensure_image: a live bar per step (download, checksum,
// decompression) on a terminal, a few plain lines elsewhere.

#include <memory>
#include <string>

#include "jrun/cli/commands.h"
#include "jrun/ui/progress_meter.h"
#include "jrun/vm/image_store.h"

namespace jrun::cli {

class ImageProgressDisplay {
 public:
  /// Draws on stdout: live when stdout is a terminal and TERM is not "dumb".
  ImageProgressDisplay(const Context& ctx, std::string file);
  /// Draws through ctx.out with `style`, live (redrawn in place) or as plain lines.
  ImageProgressDisplay(const Context& ctx, std::string file, const ui::Style& style, bool live);
  ~ImageProgressDisplay();  ///< closes a step still open (an error or Ctrl-C)
  ImageProgressDisplay(const ImageProgressDisplay&) = delete;
  ImageProgressDisplay& operator=(const ImageProgressDisplay&) = delete;

  /// The callback for ensure_image; valid while this display lives.
  vm::ImageProgress callback();
  /// Ends the current step's line.
  void finish();

 private:
  void on_progress(vm::ImageStep step, std::uint64_t done, std::uint64_t total);
  void draw(const std::string& line, bool final);

  const Context& ctx_;
  std::string file_;
  ui::Style style_;
  bool live_;
  std::optional<vm::ImageStep> step_;
  std::unique_ptr<ui::ProgressMeter> meter_;
};

}  // namespace jrun::cli
