#include "jrun/state/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <thread>
#include <utility>

namespace jrun::state {
namespace {

constexpr std::chrono::milliseconds kLockPoll{50};

Error os_error(const std::string& what, int err) {
  return make_error(ErrorCode::kState, what + ": " + std::strerror(err));
}

/// Closes `fd` keeping errno of the failure being reported.
void close_quietly(int fd) {
  int saved = errno;
  ::close(fd);
  errno = saved;
}

Status write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error{ErrorCode::kState, std::strerror(n < 0 ? errno : EIO), {}};
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

/// Writes `text` to a new file at `path` and fsyncs it; removes the file on failure.
Status write_file_synced(const std::string& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return os_error("cannot create " + path, errno);
  Status written = write_all(fd, text);
  if (written && ::fsync(fd) != 0) written = Error{ErrorCode::kState, std::strerror(errno), {}};
  if (::close(fd) != 0 && written) written = Error{ErrorCode::kState, std::strerror(errno), {}};
  if (!written) {
    ::unlink(path.c_str());
    return make_error(ErrorCode::kState, "cannot write " + path + ": " + written.error().message);
  }
  return {};
}

Status sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return os_error("cannot open " + dir, errno);
  if (::fsync(fd) != 0 && errno != EINVAL) {
    close_quietly(fd);
    return os_error("cannot sync " + dir, errno);
  }
  ::close(fd);
  return {};
}

/// The whole file, or nullopt-like empty Result with errno ENOENT reported via `missing`.
Result<std::string> read_file(const std::string& path, bool& missing) {
  missing = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    missing = errno == ENOENT;
    return os_error("cannot read " + path, errno);
  }
  std::string text;
  char buf[65536];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      close_quietly(fd);
      return os_error("cannot read " + path, errno);
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

long read_pid(int fd) {
  char buf[32] = {};
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0;
  long pid = 0;
  std::from_chars(buf, buf + n, pid);
  return pid;
}

void write_pid(int fd) {
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0) return;
  // The pid is advisory (for the "waiting for" message); a failed write is not an error.
  [[maybe_unused]] ssize_t n = ::pwrite(fd, pid.data(), pid.size(), 0);
}

std::chrono::steady_clock::time_point deadline_after(std::chrono::milliseconds timeout) {
  auto now = std::chrono::steady_clock::now();
  if (timeout > std::chrono::hours(24 * 365)) return std::chrono::steady_clock::time_point::max();
  return now + timeout;
}

Error lock_timeout(const std::string& path, long pid) {
  std::string holder = pid > 0 ? "pid " + std::to_string(pid) : "pid unknown";
  return make_error(ErrorCode::kState, "another jrun (" + holder + ") holds the lock " + path +
                                           "; try again when it has finished");
}

/// Copies `from` to `to` with fsync, for file systems without hard links.
Status copy_synced(const std::string& from, const std::string& to) {
  bool missing = false;
  ASSIGN_OR_RETURN(std::string text, read_file(from, missing));
  return write_file_synced(to, text);
}

}  // namespace

StateLock::StateLock(StateLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

StateLock& StateLock::operator=(StateLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

StateLock::~StateLock() { release(); }

void StateLock::release() {
  if (fd_ < 0) return;
  // Clear the pid while still holding the lock, so a waiter never reads a stale holder.
  [[maybe_unused]] int rc = ::ftruncate(fd_, 0);
  ::close(fd_);  // closing the last descriptor releases the flock
  fd_ = -1;
}

StateStore::StateStore(std::string home_dir) : home_(std::move(home_dir)) {}

Status StateStore::ensure_home() const {
  if (::mkdir(home_.c_str(), 0700) == 0 || errno == EEXIST) return {};
  if (errno != ENOENT) return os_error("cannot create " + home_, errno);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(home_).parent_path(), ec);
  if (ec) return make_error(ErrorCode::kState, "cannot create " + home_ + ": " + ec.message());
  if (::mkdir(home_.c_str(), 0700) == 0 || errno == EEXIST) return {};
  return os_error("cannot create " + home_, errno);
}

// How long a waiter waits for the holder's pid to appear before saying it waits anyway.
constexpr std::chrono::milliseconds kPidGrace{300};

Result<StateLock> StateStore::lock(std::chrono::milliseconds timeout,
                                   const LockWaitCallback& on_wait) {
  TRY(ensure_home());
  const std::string path = lock_path();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return os_error("cannot open lock file " + path, errno);
  const auto deadline = deadline_after(timeout);
  const auto start = std::chrono::steady_clock::now();
  bool waited = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      close_quietly(fd);
      return os_error("cannot lock " + path, errno);
    }
    auto now = std::chrono::steady_clock::now();
    if (!waited) {
      // The holder writes its pid right after taking the lock; give it a moment so the
      // message can name it.
      long pid = read_pid(fd);
      if (pid > 0 || now - start >= kPidGrace || now >= deadline) {
        if (on_wait) on_wait(pid);
        waited = true;
      }
    }
    if (now >= deadline) {
      long pid = read_pid(fd);
      ::close(fd);
      return lock_timeout(path, pid);
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kLockPoll, deadline - now));
  }
  write_pid(fd);
  return StateLock(fd, path);
}

Result<State> StateStore::load(const StateLock& /*lock*/) const { return load_unlocked(); }

Result<State> StateStore::load_unlocked() const {
  const std::string path = state_path();
  bool missing = false;
  auto text = read_file(path, missing);
  if (!text) {
    if (missing) return State{};
    return std::move(text).error();
  }
  auto state = parse_state(*text);
  if (state) {
    known_good_ = std::move(*text);
    return state;
  }
  const std::string bak = backup_path();
  struct stat st {};
  std::string advice =
      ::stat(bak.c_str(), &st) == 0
          ? "the previous version is kept in " + bak + "; restore it with: cp " + bak + " " + path
          : "no backup exists (" + bak + "); move " + path +
                " away to start from an empty state (every recorded jail is forgotten)";
  return make_error(ErrorCode::kState,
                    "state file " + path + " is corrupt: " + state.error().message + "; " + advice);
}

// A file that does not load is never made the backup: the backup is what a user restores
// after exactly such a file (issue 15: a wrong-shaped state.json overwrote state.json.bak).
bool StateStore::current_file_loads() const {
  bool missing = false;
  auto text = read_file(state_path(), missing);
  if (!text) return false;
  if (*text == known_good_) return true;
  return parse_state(*text).has_value();
}

Status StateStore::save(const StateLock& /*lock*/, const State& state) {
  TRY(ensure_home());
  const std::string path = state_path();
  const std::string tmp = temp_path();
  std::string text = serialize_state(state);
  TRY(write_file_synced(tmp, text));
  if (current_file_loads()) {
    // Keep the current file as .bak: link (or copy) it to .bak.tmp, then rename, so .bak is
    // always a complete file.
    const std::string bak_tmp = backup_path() + ".tmp";
    ::unlink(bak_tmp.c_str());
    Status kept =
        ::link(path.c_str(), bak_tmp.c_str()) == 0 ? Status() : copy_synced(path, bak_tmp);
    if (kept && ::rename(bak_tmp.c_str(), backup_path().c_str()) != 0) {
      kept = os_error("cannot rename " + bak_tmp, errno);
      ::unlink(bak_tmp.c_str());
    }
    if (!kept) {
      ::unlink(tmp.c_str());
      return std::move(kept).error();
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Error error = os_error("cannot replace " + path, errno);
    ::unlink(tmp.c_str());
    return error;
  }
  known_good_ = std::move(text);
  return sync_dir(home_);
}

}  // namespace jrun::state
