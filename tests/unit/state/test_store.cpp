#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "jrun/state/store.h"

namespace jrun::state {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using ::testing::HasSubstr;

class TempHome : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "jrun-state-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    home_ = root_ + "/home/.jrun";  // not there yet: the store creates it
  }
  void TearDown() override { fs::remove_all(root_); }

  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  static State state_with(const std::string& jail, const std::string& ip) {
    State state;
    JailRecord record;
    record.name = jail;
    record.ip = ip;
    record.phase = Phase::kReady;
    state.jails.emplace(jail, record);
    return state;
  }

  std::string root_;
  std::string home_;
};

TEST_F(TempHome, MissingFileIsAnEmptyStateAndHomeIsCreatedPrivate) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value()) << lock.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(home_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto state = store.load(*lock);
  ASSERT_TRUE(state.has_value()) << state.error().message;
  EXPECT_TRUE(state->jails.empty());
  EXPECT_FALSE(fs::exists(store.state_path()));  // loading never writes
}

TEST_F(TempHome, SaveThenLoadRoundTrips) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value());
  State state = state_with("web", "10.17.89.10");
  ASSERT_TRUE(store.save(*lock, state).has_value());
  auto loaded = store.load(*lock);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ(serialize_state(*loaded), serialize_state(state));
  EXPECT_FALSE(fs::exists(store.temp_path()));
}

TEST_F(TempHome, BackupHoldsThePreviousVersion) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value());
  ASSERT_TRUE(store.save(*lock, state_with("one", "10.17.89.10")).has_value());
  EXPECT_FALSE(fs::exists(store.backup_path()));
  ASSERT_TRUE(store.save(*lock, state_with("two", "10.17.89.11")).has_value());
  EXPECT_EQ(read(store.backup_path()), serialize_state(state_with("one", "10.17.89.10")));
  EXPECT_EQ(read(store.state_path()), serialize_state(state_with("two", "10.17.89.11")));
  ASSERT_TRUE(store.save(*lock, state_with("three", "10.17.89.12")).has_value());
  EXPECT_EQ(read(store.backup_path()), serialize_state(state_with("two", "10.17.89.11")));
  EXPECT_FALSE(fs::exists(store.backup_path() + ".tmp"));
}

TEST_F(TempHome, CorruptFileIsAnErrorNamingTheBackupAndNothingIsTouched) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value());
  ASSERT_TRUE(store.save(*lock, state_with("one", "10.17.89.10")).has_value());
  ASSERT_TRUE(store.save(*lock, state_with("two", "10.17.89.11")).has_value());
  write(store.state_path(), "{\"version\": 1, \"jails\": [");
  const std::string backup_before = read(store.backup_path());
  auto loaded = store.load(*lock);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kState);
  const std::string& message = loaded.error().message;
  EXPECT_THAT(message, HasSubstr("state file " + store.state_path() + " is corrupt"));
  EXPECT_THAT(message, HasSubstr("parse error"));
  EXPECT_THAT(message, HasSubstr("cp " + store.backup_path() + " " + store.state_path()));
  EXPECT_EQ(read(store.state_path()), "{\"version\": 1, \"jails\": [");
  EXPECT_EQ(read(store.backup_path()), backup_before);
}

// Issue 15, item 1: a state.json that failed to load is never made the backup.
TEST_F(TempHome, WrongShapedFileIsCorruptAndNeverReplacesTheBackup) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value());
  ASSERT_TRUE(store.save(*lock, state_with("one", "10.17.89.10")).has_value());
  ASSERT_TRUE(store.save(*lock, state_with("two", "10.17.89.11")).has_value());
  const std::string backup_before = read(store.backup_path());
  write(store.state_path(), "{\"version\": 1}");
  StateStore fresh(home_);
  auto loaded = fresh.load(*lock);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_THAT(loaded.error().message, HasSubstr("missing \"jails\""));
  EXPECT_THAT(loaded.error().message, HasSubstr("cp " + store.backup_path()));
  ASSERT_TRUE(fresh.save(*lock, state_with("three", "10.17.89.12")).has_value());
  EXPECT_EQ(read(store.backup_path()), backup_before);
  EXPECT_EQ(read(store.state_path()), serialize_state(state_with("three", "10.17.89.12")));
  // A file that loads is kept as the backup again.
  ASSERT_TRUE(fresh.save(*lock, state_with("four", "10.17.89.13")).has_value());
  EXPECT_EQ(read(store.backup_path()), serialize_state(state_with("three", "10.17.89.12")));
}

TEST_F(TempHome, WrongVersionWithoutBackupSaysSo) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value());
  write(store.state_path(), "{\"version\": 7}");
  auto loaded = store.load_unlocked();
  ASSERT_FALSE(loaded.has_value());
  EXPECT_THAT(loaded.error().message, HasSubstr("unsupported state version 7"));
  EXPECT_THAT(loaded.error().message, HasSubstr("no backup exists (" + store.backup_path()));
}

// A real write failure, even as root: RLIMIT_FSIZE makes write(2) fail with EFBIG. Runs in a
// child so the limit does not leak into the test process.
TEST_F(TempHome, FailedWriteLeavesStateJsonAndNoTempFile) {
  StateStore store(home_);
  {
    auto lock = store.lock(milliseconds(0), nullptr);
    ASSERT_TRUE(lock.has_value());
    ASSERT_TRUE(store.save(*lock, state_with("one", "10.17.89.10")).has_value());
  }
  const std::string before = read(store.state_path());
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{64, 64};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    auto lock = store.lock(milliseconds(0), nullptr);
    State big = state_with("two", "10.17.89.11");
    big.jails.at("two").release = std::string(4096, 'x');
    auto saved = lock ? store.save(*lock, big) : Status(lock.error());
    bool ok = !saved && saved.error().message.find("cannot write") != std::string::npos;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "save did not fail as expected";
  EXPECT_EQ(read(store.state_path()), before);
  EXPECT_FALSE(fs::exists(store.temp_path()));
}

TEST_F(TempHome, UncreatableTempFileFailsWithoutTouchingState) {
  StateStore store(home_);
  auto lock = store.lock(milliseconds(0), nullptr);
  ASSERT_TRUE(lock.has_value());
  ASSERT_TRUE(store.save(*lock, state_with("one", "10.17.89.10")).has_value());
  const std::string before = read(store.state_path());
  fs::create_directory(store.temp_path());  // open(O_WRONLY) on a directory: EISDIR, even root
  auto saved = store.save(*lock, state_with("two", "10.17.89.11"));
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kState);
  EXPECT_THAT(saved.error().message, HasSubstr(store.temp_path()));
  EXPECT_EQ(read(store.state_path()), before);
}

/// Forks a child that takes the lock, reports through a pipe, and holds it until told to go.
class LockHolder {
 public:
  explicit LockHolder(const std::string& home) {
    int ready[2], release[2];
    if (::pipe(ready) != 0 || ::pipe(release) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      StateStore store(home);
      auto lock = store.lock(milliseconds(0), nullptr);
      char c = lock ? 'y' : 'n';
      [[maybe_unused]] auto w = ::write(ready[1], &c, 1);
      [[maybe_unused]] auto r = ::read(release[0], &c, 1);
      ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    char c = 0;
    locked_ = ::read(ready[0], &c, 1) == 1 && c == 'y';
    ::close(ready[0]);
    release_fd_ = release[1];
  }
  ~LockHolder() { release(); }
  void release() {
    if (pid_ <= 0) return;
    char c = 'x';
    [[maybe_unused]] auto w = ::write(release_fd_, &c, 1);
    ::close(release_fd_);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  bool locked() const { return locked_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int release_fd_ = -1;
  bool locked_ = false;
};

TEST_F(TempHome, LockHeldByAnotherProcessWaitsThenTimesOutNamingThePid) {
  StateStore store(home_);
  LockHolder holder(home_);
  ASSERT_TRUE(holder.locked());
  int calls = 0;
  long seen_pid = 0;
  auto start = std::chrono::steady_clock::now();
  auto lock = store.lock(milliseconds(300), [&](long pid) {
    ++calls;
    seen_pid = pid;
  });
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().code, ErrorCode::kState);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(seen_pid, holder.pid());
  EXPECT_GE(waited, milliseconds(300));
  EXPECT_THAT(lock.error().message, HasSubstr("pid " + std::to_string(holder.pid())));
  EXPECT_THAT(lock.error().message, HasSubstr(store.lock_path()));
}

TEST_F(TempHome, LockIsTakenOnceTheHolderReleases) {
  StateStore store(home_);
  LockHolder holder(home_);
  ASSERT_TRUE(holder.locked());
  int calls = 0;
  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(200));
    holder.release();
  });
  auto lock = store.lock(milliseconds(10000), [&](long) { ++calls; });
  releaser.join();
  ASSERT_TRUE(lock.has_value()) << lock.error().message;
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(read(store.lock_path()), std::to_string(::getpid()) + "\n");
  lock->release();
  EXPECT_EQ(read(store.lock_path()), "");  // the pid is cleared on release
  EXPECT_TRUE(store.lock(milliseconds(0), nullptr).has_value());
}

TEST_F(TempHome, LockIsReleasedWhenTheHolderDies) {
  StateStore store(home_);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    StateStore other(home_);
    auto lock = other.lock(milliseconds(0), nullptr);
    ::kill(::getpid(), SIGKILL);  // no destructor runs
  }
  ::waitpid(child, nullptr, 0);
  auto lock = store.lock(milliseconds(0), nullptr);
  EXPECT_TRUE(lock.has_value());
}

}  // namespace
}  // namespace jrun::state
