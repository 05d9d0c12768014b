#include "jrun/vm/image_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "jrun/base/strings.h"
#include "jrun/vm/image_files.h"

namespace jrun::vm {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Status make_dirs(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error(ErrorCode::kRuntime, "cannot create " + dir + ": " + ec.message());
  return {};
}

/// An exclusive flock on the cache directory, so two jrun processes never write the same .part;
/// the second waits and then finds the image ready.
class CacheLock {
 public:
  explicit CacheLock(int fd) : fd_(fd) {}
  CacheLock(CacheLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  CacheLock& operator=(CacheLock&&) = delete;
  ~CacheLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }

 private:
  int fd_;
};

Result<CacheLock> lock_cache(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return make_error(ErrorCode::kRuntime, "cannot open " + dir + ": " + std::strerror(errno));
  CacheLock lock(fd);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR)
      return make_error(ErrorCode::kRuntime, "cannot lock " + dir + ": " + std::strerror(errno));
  }
  return lock;
}

ByteProgress step_progress(const ImageProgress& progress, ImageStep step) {
  if (!progress) return {};
  return [progress, step](std::uint64_t done, std::uint64_t total) { progress(step, done, total); };
}

/// The expected sum: given, or looked up in the release's checksum file, or "" (unchecked).
Result<std::string> expected_sha512(const ImageSpec& spec, const ImageProgress& progress) {
  const ImageSource& source = spec.source;
  if (!source.sha512.empty() || source.checksum_url.empty()) return source.sha512;
  if (progress) progress(ImageStep::kChecksum, 0, 0);
  sys::HttpOptions options = spec.http;
  options.progress = nullptr;
  ASSIGN_OR_RETURN(std::string text, sys::http_get(source.checksum_url, options));
  return find_checksum(text, source.file_name, source.checksum_url);
}

/// Checks `path` against `expected`; on a mismatch removes it when `remove` is set.
Status verify(const ImageSpec& spec, const std::string& path, const std::string& expected,
              bool remove, const ImageProgress& progress) {
  if (expected.empty()) return {};
  ASSIGN_OR_RETURN(
      std::string actual,
      sha512_file(path, step_progress(progress, ImageStep::kVerify), spec.http.interrupted));
  if (actual == expected) return {};
  std::string what = remove ? "; the file was removed, run again to download it anew"
                            : "; the file was left in place";
  if (remove) ::unlink(path.c_str());
  return make_error(ErrorCode::kRuntime, "SHA-512 mismatch for " + path + ": expected " + expected +
                                             ", got " + actual + what);
}

/// The verified download in the cache, fetched (or resumed) and checked when missing.
Result<std::string> fetch(const ImageSpec& spec, const ImageProgress& progress) {
  std::string verified = spec.cache_dir + "/" + spec.source.file_name;
  if (exists(verified)) return verified;
  ASSIGN_OR_RETURN(std::string expected, expected_sha512(spec, progress));
  std::string download = verified + ".download";
  if (!exists(download)) {
    sys::HttpOptions options = spec.http;
    options.progress = step_progress(progress, ImageStep::kDownload);
    TRY(sys::http_download(spec.source.location, download, options));
  }
  TRY(verify(spec, download, expected, true, progress));
  if (::rename(download.c_str(), verified.c_str()) != 0) {
    return make_error(ErrorCode::kRuntime,
                      "cannot rename " + download + ": " + std::strerror(errno));
  }
  return verified;
}

Result<std::string> local_image(const ImageSpec& spec, const ImageProgress& progress) {
  const ImageSource& source = spec.source;
  if (!exists(source.location)) {
    return make_error(ErrorCode::kUsage, "JRUN_VM_IMAGE: no such file: " + source.location);
  }
  std::string name = decompressed_name(source.file_name);
  if (name == source.file_name) {
    TRY(verify(spec, source.location, source.sha512, false, progress));
    return source.location;
  }
  std::string base = spec.cache_dir + "/" + name;
  if (exists(base)) return base;
  TRY(verify(spec, source.location, source.sha512, false, progress));
  TRY(xz_decompress(source.location, base, step_progress(progress, ImageStep::kDecompress),
                    spec.http.interrupted));
  return base;
}

std::string failure(const host::ProcessResult& result) {
  std::string err(trim(result.err));
  return "exit " + std::to_string(result.exit_code) + (err.empty() ? "" : ": " + err);
}

}  // namespace

const char* image_step_name(ImageStep step) {
  switch (step) {
    case ImageStep::kChecksum:
      return "fetching checksum";
    case ImageStep::kDownload:
      return "downloading";
    case ImageStep::kVerify:
      return "verifying";
    case ImageStep::kDecompress:
      return "decompressing";
  }
  return "";
}

std::string image_progress_text(ImageStep step, std::string_view file, std::uint64_t done,
                                std::uint64_t total) {
  auto mib = [](std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1 << 20));
    return std::string(text);
  };
  std::string line = std::string(image_step_name(step)) + " " + std::string(file);
  if (total > 0) {
    std::uint64_t percent = std::min<std::uint64_t>(100, done * 100 / total);
    return line + "  " + std::to_string(percent) + "% (" + mib(done) + " of " + mib(total) +
           " MiB)";
  }
  return done > 0 ? line + "  " + mib(done) + " MiB" : line;
}

Result<ImageSpec> image_spec(const ImageSettings& settings) {
  ImageSpec spec;
  spec.cache_dir = settings.home + "/cache/images";
  if (settings.image.empty()) {
    if (!settings.sha512.empty()) {
      return make_error(ErrorCode::kUsage, "JRUN_VM_IMAGE_SHA512 is set but JRUN_VM_IMAGE is not");
    }
    ASSIGN_OR_RETURN(spec.source,
                     freebsd_image(settings.arch, settings.bsd_version, settings.bsd_tag));
    return spec;
  }
  ASSIGN_OR_RETURN(spec.source, custom_image(settings.image, settings.sha512, settings.cwd));
  return spec;
}

Result<std::string> ensure_image(const ImageSpec& spec, const ImageProgress& progress) {
  TRY(make_dirs(spec.cache_dir));
  ASSIGN_OR_RETURN(CacheLock lock, lock_cache(spec.cache_dir));
  if (spec.source.local) return local_image(spec, progress);
  std::string base = spec.cache_dir + "/" + decompressed_name(spec.source.file_name);
  if (base != spec.cache_dir + "/" + spec.source.file_name && exists(base)) return base;
  ASSIGN_OR_RETURN(std::string verified, fetch(spec, progress));
  if (verified == base) return base;
  TRY(xz_decompress(verified, base, step_progress(progress, ImageStep::kDecompress),
                    spec.http.interrupted));
  return base;
}

Status grow_disk(host::ProcessRunner& runner, const std::string& path, std::uint64_t bytes) {
  ASSIGN_OR_RETURN(auto info, runner.run(qemu_img_info(path)));
  if (info.exit_code != 0) {
    return make_error(ErrorCode::kRuntime,
                      "qemu-img info " + path + " failed (" + failure(info) + ")");
  }
  ASSIGN_OR_RETURN(std::uint64_t current, parse_virtual_size(info.out));
  if (current >= bytes) return {};
  ASSIGN_OR_RETURN(auto resized, runner.run(qemu_img_resize(path, bytes)));
  if (resized.exit_code != 0) {
    return make_error(ErrorCode::kRuntime,
                      "qemu-img resize " + path + " failed (" + failure(resized) + ")");
  }
  return {};
}

}  // namespace jrun::vm
