#include "jrun/sys/http.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "jrun/base/strings.h"

namespace jrun::sys {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;

/// Where the body goes and what the callbacks learn on the way; one per transfer attempt.
struct Sink {
  const HttpOptions* options = nullptr;
  CURL* curl = nullptr;
  std::string* memory = nullptr;  ///< either memory or fd
  int fd = -1;
  std::uint64_t offset = 0;  ///< bytes kept from an earlier attempt (the Range start)
  bool range_requested = false;
  bool decided = false;   ///< whether the range answer was checked
  bool file_url = false;  ///< file:// honours ranges but has no status code
  std::string content_range;
  int io_errno = 0;
};

/// Whether the answer to a Range request continues the .part; a server that ignores ranges
/// (200) or answers another range makes us start from zero.
bool range_honoured(const Sink& sink) {
  if (sink.file_url) return true;
  long code = 0;
  curl_easy_getinfo(sink.curl, CURLINFO_RESPONSE_CODE, &code);
  if (code != 206) return false;
  std::string expected = "bytes " + std::to_string(sink.offset) + "-";
  return sink.content_range.rfind(expected, 0) == 0;
}

/// Called before the first body byte (or after an empty body): keeps or drops the .part.
bool decide_range(Sink& sink) {
  if (sink.decided) return true;
  sink.decided = true;
  if (!sink.range_requested || range_honoured(sink)) return true;
  sink.offset = 0;
  if (sink.fd >= 0 && ::ftruncate(sink.fd, 0) != 0) {
    sink.io_errno = errno;
    return false;
  }
  return true;
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& sink = *static_cast<Sink*>(user);
  std::size_t bytes = size * count;
  if (!decide_range(sink)) return 0;
  if (sink.memory != nullptr) {
    sink.memory->append(data, bytes);
    return bytes;
  }
  if (!write_all(sink.fd, data, bytes)) {
    sink.io_errno = errno;
    return 0;
  }
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& sink = *static_cast<Sink*>(user);
  std::size_t bytes = size * count;
  std::string line(data, bytes);
  if (line.rfind("HTTP/", 0) == 0) sink.content_range.clear();  // a new response (redirects)
  const std::string key = "content-range:";
  if (line.size() > key.size() && to_lower(line.substr(0, key.size())) == key) {
    sink.content_range = std::string(trim(line.substr(key.size())));
  }
  return bytes;
}

int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto& sink = *static_cast<Sink*>(user);
  if (!sink.options->progress) return 0;
  auto done = sink.offset + static_cast<std::uint64_t>(now);
  auto all = total > 0 ? sink.offset + static_cast<std::uint64_t>(total) : 0;
  sink.options->progress(done, all);
  return 0;
}

void configure(CURL* c, const std::string& url, Sink& sink, char* errbuf) {
  const HttpOptions& o = *sink.options;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "jrun");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  if (o.stall_timeout_s > 0) {
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.stall_timeout_s);
  }
  curl_easy_setopt(c, CURLOPT_TIMEOUT, o.total_timeout_s);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &sink);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  if (sink.range_requested) {
    std::string range = std::to_string(sink.offset) + "-";
    curl_easy_setopt(c, CURLOPT_RANGE, range.c_str());  // curl copies the string
  }
}

/// The cause of a failed transfer in words.
std::string describe(CURLcode rc, const Sink& sink, const char* errbuf) {
  const HttpOptions& o = *sink.options;
  if (sink.io_errno != 0) return std::string("cannot write: ") + std::strerror(sink.io_errno);
  if (rc == CURLE_HTTP_RETURNED_ERROR) {
    long code = 0;
    curl_easy_getinfo(sink.curl, CURLINFO_RESPONSE_CODE, &code);
    return "HTTP " + std::to_string(code);
  }
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    curl_off_t connected = 0;
    curl_off_t elapsed = 0;
    curl_easy_getinfo(sink.curl, CURLINFO_CONNECT_TIME_T, &connected);
    curl_easy_getinfo(sink.curl, CURLINFO_TOTAL_TIME_T, &elapsed);
    if (connected == 0 && !sink.file_url) {
      return "could not connect within " + std::to_string(o.connect_timeout_s) + " s";
    }
    if (o.total_timeout_s > 0 && elapsed / 1000000 >= o.total_timeout_s) {
      return "timed out after " + std::to_string(o.total_timeout_s) + " s in total";
    }
    return "timed out after " + std::to_string(o.stall_timeout_s) + " s without data";
  }
  if (errbuf[0] != '\0') return errbuf;
  return curl_easy_strerror(rc);
}

long response_code(CURL* c) {
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

/// One transfer into `sink`; returns the curl code, with the error text in `errbuf`.
CURLcode perform(const std::string& url, Sink& sink, char* errbuf) {
  global_init();
  CurlPtr curl(curl_easy_init());
  if (!curl) return CURLE_FAILED_INIT;
  sink.curl = curl.get();
  sink.file_url = to_lower(url.substr(0, 7)) == "file://";
  errbuf[0] = '\0';
  configure(curl.get(), url, sink, errbuf);
  CURLcode rc = curl_easy_perform(curl.get());
  if (rc == CURLE_OK && !decide_range(sink)) rc = CURLE_WRITE_ERROR;
  if (rc != CURLE_OK) {
    // Keep the handle alive for describe(); the caller reads it before `curl` goes away.
    std::string cause = describe(rc, sink, errbuf);
    std::snprintf(errbuf, CURL_ERROR_SIZE, "%s", cause.c_str());
    if (rc == CURLE_HTTP_RETURNED_ERROR && response_code(curl.get()) == 416) {
      rc = CURLE_RANGE_ERROR;  // lets the caller restart the download from zero
    }
  }
  sink.curl = nullptr;
  return rc;
}

Error fetch_error(const std::string& url, const char* cause) {
  return make_error(ErrorCode::kRuntime, "cannot fetch " + url + ": " + cause);
}

Error file_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kRuntime, what + " " + path + ": " + std::strerror(errno));
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

/// Downloads into the open .part; `resume` asks for the bytes after what it holds. Sets
/// `restart` when the server refused the range (416) so the caller starts over.
Result<std::uint64_t> download_into(const std::string& url, int fd, bool resume,
                                    const HttpOptions& options, bool& restart) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return make_error(ErrorCode::kRuntime, std::strerror(errno));
  Sink sink;
  sink.options = &options;
  sink.fd = fd;
  sink.offset = resume ? static_cast<std::uint64_t>(st.st_size) : 0;
  sink.range_requested = sink.offset > 0;
  if (!resume && ::ftruncate(fd, 0) != 0) {
    return make_error(ErrorCode::kRuntime, std::strerror(errno));
  }
  char errbuf[CURL_ERROR_SIZE];
  CURLcode rc = perform(url, sink, errbuf);
  restart = rc == CURLE_RANGE_ERROR && sink.range_requested;
  if (restart) return std::uint64_t{0};
  if (rc != CURLE_OK) return fetch_error(url, errbuf);
  return sink.offset;
}

}  // namespace

Result<std::string> http_get(const std::string& url, const HttpOptions& options) {
  std::string body;
  Sink sink;
  sink.options = &options;
  sink.memory = &body;
  char errbuf[CURL_ERROR_SIZE];
  if (perform(url, sink, errbuf) != CURLE_OK) return fetch_error(url, errbuf);
  return body;
}

Result<DownloadResult> http_download(const std::string& url, const std::string& dest,
                                     const HttpOptions& options) {
  std::string part = dest + ".part";
  Fd file;
  file.fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (file.fd < 0) return file_error("cannot open", part);
  bool restart = false;
  auto kept = download_into(url, file.fd, true, options, restart);
  if (kept && restart) {
    // 416: the .part does not fit the file on the server (it changed, or is complete but we
    // cannot tell); starting over is the safe answer.
    kept = download_into(url, file.fd, false, options, restart);
  }
  if (!kept) return std::move(kept).error();
  struct stat st {};
  if (::fsync(file.fd) != 0 || ::fstat(file.fd, &st) != 0) return file_error("cannot sync", part);
  if (::rename(part.c_str(), dest.c_str()) != 0) return file_error("cannot rename to", dest);
  return DownloadResult{static_cast<std::uint64_t>(st.st_size), *kept};
}

}  // namespace jrun::sys
