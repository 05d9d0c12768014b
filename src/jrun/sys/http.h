#pragma once
// HTTP(S) and file:// transfers on libcurl.
//
//   http_get(url, options)            -> body in memory
//   http_download(url, dest, options) -> file at `dest`, written through `dest + ".part"` and
//                                        resumed from an existing .part with a Range request
//
// Redirects are followed. Every failure (HTTP >= 400, DNS, TLS, refused connection, timeouts,
// local I/O) is a kRuntime error naming the URL and the cause.

#include <cstdint>
#include <functional>
#include <string>

#include "jrun/base/result.h"

namespace jrun::sys {

struct HttpOptions {
  long connect_timeout_s = 15;
  long stall_timeout_s = 30;  ///< abort when below 1 byte/s for this long
  long total_timeout_s = 0;   ///< 0 = no limit
  /// Progress (bytes so far incl. a resumed part, total or 0 when unknown); may be empty.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

/// GET into memory, redirects followed; HTTP >= 400, DNS, TLS, timeouts → kRuntime error
/// naming the URL and the cause ("HTTP 404", "timed out after 30 s without data", ...).
Result<std::string> http_get(const std::string& url, const HttpOptions& options = {});

struct DownloadResult {
  std::uint64_t bytes = 0;         ///< size of the complete file
  std::uint64_t resumed_from = 0;  ///< bytes of the .part kept (0 when started from scratch)
};

/// GET into `dest` through `dest + ".part"`: an existing .part is resumed with a Range request
/// (restarted from zero when the server ignores the range), renamed to `dest` when complete.
/// On failure the .part is kept so a later call resumes it.
Result<DownloadResult> http_download(const std::string& url, const std::string& dest,
                                     const HttpOptions& options = {});

}  // namespace jrun::sys
