#pragma once
// The state file on disk: $JRUN_HOME/state.json, its lock and its backup. The only file of the
// state layer that makes system calls.
//
//   state.lock      flock(2)ed exclusively by every mutating command; holds the holder's pid
//   state.json      the state, replaced atomically (write .tmp, fsync, rename, fsync the dir)
//   state.json.bak  the version before the last save

#include <chrono>
#include <functional>
#include <string>

#include "jrun/base/result.h"
#include "jrun/state/state.h"

namespace jrun::state {

/// Proof that this process holds the state lock; releases it when destroyed.
class StateLock {
 public:
  StateLock(StateLock&& other) noexcept;
  StateLock& operator=(StateLock&& other) noexcept;
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;
  ~StateLock();

  /// Releases the lock now (also done by the destructor).
  void release();
  const std::string& path() const { return path_; }

 private:
  friend class StateStore;
  StateLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  int fd_ = -1;
  std::string path_;
};

/// Called once when the lock is held by another process; `holder_pid` is 0 when unknown.
using LockWaitCallback = std::function<void(long holder_pid)>;

class StateStore {
 public:
  /// `home_dir` is $JRUN_HOME (created with mode 0700 on first lock or save).
  explicit StateStore(std::string home_dir);

  const std::string& home() const { return home_; }
  std::string state_path() const { return home_ + "/state.json"; }
  std::string backup_path() const { return home_ + "/state.json.bak"; }
  std::string temp_path() const { return home_ + "/state.json.tmp"; }
  std::string lock_path() const { return home_ + "/state.lock"; }

  /// Takes the exclusive lock, waiting up to `timeout` (zero = try once). If another process
  /// holds it, `on_wait` (may be empty) is called once with that process's pid. Fails with
  /// ErrorCode::kState naming the lock file and the holder pid on timeout, or the OS reason.
  Result<StateLock> lock(std::chrono::milliseconds timeout, const LockWaitCallback& on_wait);

  /// Reads the state under the lock. A missing file is an empty state (first run). A corrupt,
  /// unparseable or wrong-version file is an ErrorCode::kState error naming the file, the
  /// problem and the backup to restore; nothing is changed on disk.
  Result<State> load(const StateLock& lock) const;
  /// As load(), for read-only commands that do not take the lock (saves are atomic renames,
  /// so a reader sees either the old or the new file).
  Result<State> load_unlocked() const;

  /// Replaces state.json atomically, keeping the previous file as state.json.bak when it loads
  /// (a file that fails to load never replaces the backup). On failure state.json is untouched
  /// and no temp file is left. Fails with ErrorCode::kState.
  Status save(const StateLock& lock, const State& state);

 private:
  Status ensure_home() const;
  /// Whether state.json exists and parses (the text last loaded or saved is taken as is).
  bool current_file_loads() const;

  std::string home_;
  /// The text of state.json last loaded or saved by this store.
  mutable std::string known_good_;
};

}  // namespace jrun::state
