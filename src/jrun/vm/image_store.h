#pragma once
// The image cache: one entry point that makes a verified, decompressed base image available.
//
//   image_spec(settings)          -> the ImageSpec for JRUN_VM_IMAGE[_SHA512] or the default
//   ensure_image(spec, progress) -> path of the decompressed base image
//   image_progress_text(step, file, done, total) -> one line for a progress display
//   grow_disk(runner, path, bytes) -> qemu-img resize when the disk is smaller (never shrinks)
//
// Layout under spec.cache_dir ($JRUN_HOME/cache/images, kept by purge):
//   <name>.raw.xz.download.part   transfer in progress (resumed by the next call)
//   <name>.raw.xz.download        complete, being verified
//   <name>.raw.xz                 verified download
//   <name>.raw(.part)             decompressed base image
// A name without the ".download" suffix is always verified, so a second call does no network
// or hashing work once the decompressed image is there.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "jrun/base/result.h"
#include "jrun/host/process.h"
#include "jrun/sys/http.h"
#include "jrun/vm/image.h"

namespace jrun::vm {

enum class ImageStep { kChecksum, kDownload, kVerify, kDecompress };

/// "fetching checksum", "downloading", "verifying", "decompressing".
const char* image_step_name(ImageStep step);

/// One line for a progress display: "downloading img.raw.xz  45% (312.4 of 690.1 MiB)", or
/// "downloading img.raw.xz  312.4 MiB" when the total is unknown, or just the step and file.
std::string image_progress_text(ImageStep step, std::string_view file, std::uint64_t done,
                                std::uint64_t total);

/// Progress of ensure_image: the step, bytes done, total (0 = unknown).
using ImageProgress = std::function<void(ImageStep step, std::uint64_t done, std::uint64_t total)>;

struct ImageSpec {
  ImageSource source;
  std::string cache_dir;  ///< created when missing
  /// Timeouts, and `interrupted` (polled by every step: download, verify, decompress); its
  /// progress is replaced by ensure_image's.
  sys::HttpOptions http;
};

/// The settings that choose the image, as read by the cli.
struct ImageSettings {
  std::string image;   ///< JRUN_VM_IMAGE: URL or path; "" = the FreeBSD default
  std::string sha512;  ///< JRUN_VM_IMAGE_SHA512 (optional)
  std::string arch = "x86_64";
  std::string bsd_version = "15.0";
  std::string bsd_tag = "RELEASE";
  std::string home;  ///< JRUN_HOME: the cache is <home>/cache/images
  std::string cwd;   ///< relative JRUN_VM_IMAGE paths resolve against it
};

/// The ImageSpec for these settings. Bad settings → kUsage error.
Result<ImageSpec> image_spec(const ImageSettings& settings);

/// Downloads (resuming), verifies and decompresses the image unless already done; returns the
/// path of the decompressed base image (a local uncompressed image is used in place). A wrong
/// checksum removes the downloaded file (never a local one) and the error gives expected and
/// actual sums and the file. A missing local file → kUsage error; an interruption →
/// kInterrupted (a partial download is resumed next time); anything else → kRuntime.
Result<std::string> ensure_image(const ImageSpec& spec, const ImageProgress& progress = {});

/// Grows the raw disk at `path` to `bytes` with qemu-img when it is smaller.
Status grow_disk(host::ProcessRunner& runner, const std::string& path, std::uint64_t bytes);

}  // namespace jrun::vm
