#include "jrun/vm/image_files.h"

#include <fcntl.h>
#include <lzma.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace jrun::vm {
namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kBlock = 4096;  ///< hole granularity
constexpr std::uint32_t kThreads = 4;
constexpr std::uint64_t kThreadMemory = std::uint64_t{512} << 20;

Error io_error(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kRuntime, what + " " + path + ": " + std::strerror(errno));
}

/// An fd closed on scope exit.
class File {
 public:
  explicit File(int fd) : fd_(fd) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  int get() const { return fd_; }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

/// Reads up to `size` bytes, retrying on EINTR; -1 on error.
ssize_t read_some(int fd, unsigned char* buffer, std::size_t size) {
  while (true) {
    ssize_t n = ::read(fd, buffer, size);
    if (n >= 0 || errno != EINTR) return n;
  }
}

std::uint64_t file_size(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

bool all_zero_block(const unsigned char* data) {
  static const unsigned char kZeros[kBlock] = {};
  return std::memcmp(data, kZeros, kBlock) == 0;
}

/// Writes `data`, seeking over whole zero blocks instead of writing them.
bool write_sparse(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    std::size_t block = std::min(size, kBlock);
    if (block == kBlock && all_zero_block(data)) {
      if (::lseek(fd, static_cast<off_t>(block), SEEK_CUR) < 0) return false;
    } else {
      ssize_t n = ::write(fd, data, block);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      block = static_cast<std::size_t>(n);
    }
    data += block;
    size -= block;
  }
  return true;
}

std::string lzma_reason(lzma_ret ret) {
  switch (ret) {
    case LZMA_MEM_ERROR:
      return "out of memory";
    case LZMA_FORMAT_ERROR:
      return "not an xz file";
    case LZMA_OPTIONS_ERROR:
      return "unsupported xz options";
    case LZMA_DATA_ERROR:
      return "corrupt data";
    case LZMA_BUF_ERROR:
      return "truncated file";
    default:
      return "xz error " + std::to_string(static_cast<int>(ret));
  }
}

struct LzmaEnd {
  void operator()(lzma_stream* s) const { lzma_end(s); }
};

Error interruption(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kInterrupted, "interrupted while " + what + " " + path);
}

/// The decode loop: `in` → `out` (sparse). Errors name `src`.
Status decode(int in, int out, const std::string& src, const ByteProgress& progress,
              const Interrupted& interrupted) {
  lzma_stream stream = LZMA_STREAM_INIT;
  // Multi-block files (xz -T) decode on several threads; single-block ones fall back to one.
  lzma_mt mt{};
  mt.flags = LZMA_CONCATENATED;
  mt.threads = std::max<std::uint32_t>(1, std::min<std::uint32_t>(lzma_cputhreads(), kThreads));
  mt.memlimit_threading = kThreadMemory;
  mt.memlimit_stop = UINT64_MAX;
  lzma_ret ret = lzma_stream_decoder_mt(&stream, &mt);
  if (ret != LZMA_OK)
    return make_error(ErrorCode::kRuntime, "cannot decompress " + src + ": " + lzma_reason(ret));
  std::unique_ptr<lzma_stream, LzmaEnd> guard(&stream);
  std::vector<unsigned char> inbuf(kChunk), outbuf(kChunk);
  std::uint64_t total = file_size(in), done = 0;
  lzma_action action = LZMA_RUN;
  stream.next_out = outbuf.data();
  stream.avail_out = outbuf.size();
  while (true) {
    if (stream.avail_in == 0 && action == LZMA_RUN) {
      if (interrupted && interrupted()) return interruption("decompressing", src);
      ssize_t n = read_some(in, inbuf.data(), inbuf.size());
      if (n < 0) return io_error("cannot read", src);
      stream.next_in = inbuf.data();
      stream.avail_in = static_cast<std::size_t>(n);
      done += static_cast<std::uint64_t>(n);
      if (n == 0) action = LZMA_FINISH;
      if (progress) progress(done, total);
    }
    ret = lzma_code(&stream, action);
    if (stream.avail_out == 0 || ret == LZMA_STREAM_END) {
      if (!write_sparse(out, outbuf.data(), outbuf.size() - stream.avail_out)) {
        return make_error(
            ErrorCode::kRuntime,
            std::string("cannot write the decompressed image: ") + std::strerror(errno));
      }
      stream.next_out = outbuf.data();
      stream.avail_out = outbuf.size();
    }
    if (ret == LZMA_STREAM_END) return {};
    if (ret != LZMA_OK)
      return make_error(ErrorCode::kRuntime, "cannot decompress " + src + ": " + lzma_reason(ret));
  }
}

}  // namespace

Result<std::string> sha512_file(const std::string& path, const ByteProgress& progress,
                                const Interrupted& interrupted) {
  File file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file.ok()) return io_error("cannot read", path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha512(), nullptr) != 1) {
    return make_error(ErrorCode::kRuntime, "OpenSSL has no SHA-512");
  }
  std::vector<unsigned char> buffer(kChunk);
  std::uint64_t total = file_size(file.get()), done = 0;
  while (true) {
    if (interrupted && interrupted()) return interruption("verifying", path);
    ssize_t n = read_some(file.get(), buffer.data(), buffer.size());
    if (n < 0) return io_error("cannot read", path);
    if (n == 0) break;
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n));
    done += static_cast<std::uint64_t>(n);
    if (progress) progress(done, total);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

Status xz_decompress(const std::string& src, const std::string& dest, const ByteProgress& progress,
                     const Interrupted& interrupted) {
  File in(::open(src.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.ok()) return io_error("cannot read", src);
  std::string part = dest + ".part";
  File out(::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!out.ok()) return io_error("cannot create", part);
  Status status = decode(in.get(), out.get(), src, progress, interrupted);
  // Trailing holes need an explicit size; then the data must be on disk before the rename.
  off_t end = status ? ::lseek(out.get(), 0, SEEK_CUR) : 0;
  if (status && (end < 0 || ::ftruncate(out.get(), end) != 0 || ::fsync(out.get()) != 0)) {
    status = io_error("cannot write", part);
  }
  if (status && ::rename(part.c_str(), dest.c_str()) != 0)
    status = io_error("cannot rename to", dest);
  if (!status) ::unlink(part.c_str());
  return status;
}

}  // namespace jrun::vm
