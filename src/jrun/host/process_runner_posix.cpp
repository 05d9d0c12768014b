// The one file of jrun that calls fork, exec, poll, kill and waitpid (STYLE.md). Everything
// the child needs is prepared before fork(): jrun is multi-threaded (the engine runs jails in
// parallel), so between fork and exec the child only makes async-signal-safe calls. Every pipe
// is close-on-exec, so a child forked by another thread never holds our pipe ends.

#include "jrun/host/process_runner_posix.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

extern char** environ;

namespace jrun::host {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kKillGrace{2000};  // SIGTERM, then SIGKILL after this
constexpr milliseconds kTick{10};         // how often deadlines and the interrupt flag are checked

Error os_error(const std::string& what, int err) {
  return make_error(ErrorCode::kRuntime, what + ": " + std::strerror(err));
}

/// argv/envp as C arrays, the resolved program path and the working directory.
struct Prepared {
  std::string path;
  std::vector<std::string> env;
  std::vector<char*> argv;
  std::vector<char*> envp;
  int max_fd = 0;  // highest descriptor to mark close-on-exec when close_range is missing
  std::string cwd;
};

std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return "";
    dirs.remove_prefix(colon + 1);
  }
}

bool overridden(const Command& command, std::string_view entry) {
  for (const auto& [key, value] : command.env) {
    if (entry.size() > key.size() && entry.substr(0, key.size()) == key &&
        entry[key.size()] == '=') {
      return true;
    }
  }
  return false;
}

Result<Prepared> prepare(const Command& command) {
  if (command.argv.empty()) return make_error(ErrorCode::kRuntime, "empty command");
  Prepared p;
  p.path = find_program(command.argv[0]);
  if (p.path.empty()) {
    return make_error(ErrorCode::kRuntime, "program not found: " + command.argv[0]);
  }
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (!overridden(command, *e)) p.env.emplace_back(*e);
  }
  for (const auto& [key, value] : command.env) p.env.push_back(key + "=" + value);
  for (const std::string& arg : command.argv) p.argv.push_back(const_cast<char*>(arg.c_str()));
  p.argv.push_back(nullptr);
  for (std::string& entry : p.env) p.envp.push_back(entry.data());
  p.envp.push_back(nullptr);
  p.cwd = command.cwd;
  rlimit files{};
  p.max_fd = ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 65536
                 ? static_cast<int>(files.rlim_cur)
                 : 65536;
  return p;
}

/// The child's standard descriptors: -1 keeps the inherited one.
struct ChildStdio {
  int in = -1, out = -1, err = -1;
  bool own_group = false;
};

// Descriptors jrun inherited from its caller (a lock, a socket) must not reach what it runs:
// a jail's init would hold them for the jail's whole life. Ours are close-on-exec already.
void close_inherited_on_exec(const Prepared& p) {
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  for (int fd = 3; fd < p.max_fd; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

[[noreturn]] void exec_child(const Prepared& p, const ChildStdio& stdio, int report_fd) {
  if (stdio.own_group) ::setpgid(0, 0);
  if (stdio.in >= 0) ::dup2(stdio.in, 0);
  if (stdio.out >= 0) ::dup2(stdio.out, 1);
  if (stdio.err >= 0) ::dup2(stdio.err, 2);
  close_inherited_on_exec(p);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig : {SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD}) ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (p.cwd.empty() || ::chdir(p.cwd.c_str()) == 0)
    ::execve(p.path.c_str(), p.argv.data(), p.envp.data());
  int err = errno;
  [[maybe_unused]] ssize_t n = ::write(report_fd, &err, sizeof err);
  ::_exit(127);
}

/// Forks and execs; fails when exec (or chdir) failed in the child.
Result<pid_t> spawn(const Prepared& p, const ChildStdio& stdio) {
  std::array<int, 2> report{};
  if (::pipe2(report.data(), O_CLOEXEC) != 0) return os_error("pipe", errno);
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(report[0]);
    ::close(report[1]);
    return os_error("fork", err);
  }
  if (pid == 0) exec_child(p, stdio, report[1]);
  ::close(report[1]);
  int child_errno = 0;
  ssize_t n = 0;
  do {
    n = ::read(report[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  ::close(report[0]);
  if (n <= 0) return pid;
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::string what =
      p.cwd.empty() ? "cannot run " + p.path : "cannot run " + p.path + " in " + p.cwd;
  return os_error(what, child_errno);
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

/// Writes to a pipe whose reader may be gone without dying of SIGPIPE: the signal is blocked
/// for this thread and a pending one is consumed.
ssize_t write_no_sigpipe(int fd, const char* data, std::size_t size) {
  sigset_t pipe_set, old;
  ::sigemptyset(&pipe_set);
  ::sigaddset(&pipe_set, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
  ssize_t n = ::write(fd, data, size);
  if (n < 0 && errno == EPIPE) {
    struct timespec zero {};
    ::sigtimedwait(&pipe_set, nullptr, &zero);
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return n;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

/// The parent's side of a captured child.
class Capture {
 public:
  Capture(const Command& command, const std::atomic<bool>* interrupted)
      : command_(command), interrupted_(interrupted) {}
  ~Capture() {
    for (int* fd : {&in_, &out_, &err_}) close_fd(*fd);
  }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  Result<ProcessResult> run(const Prepared& prepared);

 private:
  Status open_pipes(ChildStdio& child);
  void pump(milliseconds wait);
  bool read_into(int& fd, std::string& sink);
  void feed_stdin();
  void check_deadlines();
  void drain();

  const Command& command_;
  const std::atomic<bool>* interrupted_;
  int in_ = -1, out_ = -1, err_ = -1;
  std::size_t fed_ = 0;
  pid_t pid_ = -1;
  Clock::time_point deadline_ = Clock::time_point::max();
  Clock::time_point kill_at_ = Clock::time_point::max();
  bool interrupted_seen_ = false;
  ProcessResult result_;
};

Status Capture::open_pipes(ChildStdio& child) {
  std::array<std::array<int, 2>, 3> pipes{};
  for (auto& p : pipes) {
    if (::pipe2(p.data(), O_CLOEXEC) != 0) return os_error("pipe", errno);
  }
  child = {pipes[0][0], pipes[1][1], pipes[2][1], true};
  in_ = pipes[0][1];
  out_ = pipes[1][0];
  err_ = pipes[2][0];
  ::fcntl(in_, F_SETFL, O_NONBLOCK);
  return {};
}

Result<ProcessResult> Capture::run(const Prepared& prepared) {
  ChildStdio child;
  TRY(open_pipes(child));
  auto spawned = spawn(prepared, child);
  for (int fd : {child.in, child.out, child.err}) ::close(fd);
  if (!spawned) return std::move(spawned).error();
  pid_ = *spawned;
  if (command_.stdin_data.empty()) close_fd(in_);
  if (command_.timeout) deadline_ = Clock::now() + *command_.timeout;
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    check_deadlines();
    pump(kTick);
  }
  drain();
  result_.exit_code = exit_code_of(status);
  if (interrupted_seen_) return make_error(ErrorCode::kInterrupted, "interrupted");
  return std::move(result_);
}

void Capture::pump(milliseconds wait) {
  std::array<pollfd, 3> fds{};
  fds[0] = {in_, POLLOUT, 0};
  fds[1] = {out_, POLLIN, 0};
  fds[2] = {err_, POLLIN, 0};
  // With every pipe closed only the child's exit is awaited: check for it often.
  if (in_ < 0 && out_ < 0 && err_ < 0) wait = std::min(wait, milliseconds(2));
  int ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
  if (ready <= 0) return;
  if (fds[0].revents != 0) feed_stdin();
  if (fds[1].revents != 0) read_into(out_, result_.out);
  if (fds[2].revents != 0) read_into(err_, result_.err);
}

/// Reads what is available; closes the descriptor at end of file. False when nothing was read.
bool Capture::read_into(int& fd, std::string& sink) {
  if (fd < 0) return false;
  std::array<char, 65536> buffer{};
  ssize_t n = ::read(fd, buffer.data(), buffer.size());
  if (n > 0) {
    sink.append(buffer.data(), static_cast<std::size_t>(n));
    if (command_.on_output)
      command_.on_output(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    return true;
  }
  if (n == 0 || (errno != EINTR && errno != EAGAIN)) close_fd(fd);
  return false;
}

void Capture::feed_stdin() {
  const std::string& data = command_.stdin_data;
  ssize_t n = write_no_sigpipe(in_, data.data() + fed_, data.size() - fed_);
  if (n > 0) fed_ += static_cast<std::size_t>(n);
  if ((n < 0 && errno != EAGAIN && errno != EINTR) || fed_ == data.size()) close_fd(in_);
}

void Capture::check_deadlines() {
  auto now = Clock::now();
  bool interrupt = interrupted_ != nullptr && interrupted_->load();
  if (kill_at_ == Clock::time_point::max() && (now >= deadline_ || interrupt)) {
    result_.timed_out = !interrupt;
    interrupted_seen_ = interrupt;
    ::kill(-pid_, SIGTERM);
    kill_at_ = now + kKillGrace;
  } else if (now >= kill_at_) {
    ::kill(-pid_, SIGKILL);
    kill_at_ = now + std::chrono::hours(24);
  }
}

/// After the child exited: what it wrote is in the pipes; a daemon it started may still hold
/// them open, so read without waiting for end of file.
void Capture::drain() {
  for (int* fd : {&out_, &err_}) {
    if (*fd >= 0) ::fcntl(*fd, F_SETFL, O_NONBLOCK);
  }
  while (read_into(out_, result_.out)) {
  }
  while (read_into(err_, result_.err)) {
  }
}

std::atomic<pid_t> g_attached_child{0};

void forward_signal(int sig) {
  pid_t child = g_attached_child.load();
  if (child > 0) ::kill(child, sig);
}

}  // namespace

Result<ProcessResult> PosixProcessRunner::run(const Command& command) {
  ASSIGN_OR_RETURN(Prepared prepared, prepare(command));
  Capture capture(command, interrupted_);
  return capture.run(prepared);
}

Result<int> PosixProcessRunner::run_attached(const Command& command) {
  ASSIGN_OR_RETURN(Prepared prepared, prepare(command));
  struct sigaction forward {
  }, old_int{}, old_term{};
  forward.sa_handler = forward_signal;
  ::sigemptyset(&forward.sa_mask);
  ::sigaction(SIGINT, &forward, &old_int);
  ::sigaction(SIGTERM, &forward, &old_term);
  auto spawned = spawn(prepared, ChildStdio{});
  int status = 0;
  if (spawned) {
    g_attached_child.store(*spawned);
    while (::waitpid(*spawned, &status, 0) < 0 && errno == EINTR) {
    }
    g_attached_child.store(0);
  }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  if (!spawned) return std::move(spawned).error();
  return exit_code_of(status);
}

}  // namespace jrun::host
