#pragma once
// Runs setup steps: resolves each step's playbook bundle (local files, or the verified cache of
// a downloaded one), then for a Linux jail stages the bundle into the jail and runs
// ansible-playbook there (JailHost::run_in), streaming a progress line per task and the whole
// output to $JRUN_HOME/logs/setup-<jail>-<step>.log.

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "jrun/base/result.h"
#include "jrun/host/jail_host.h"
#include "jrun/model/config.h"
#include "jrun/provision/bundle.h"
#include "jrun/provision/cache.h"
#include "jrun/provision/progress.h"

namespace jrun::provision {

/// Inside the jail: where a step's bundle is staged (one directory per step).
inline constexpr const char* kJailStageDir = "/var/lib/jrun/setup";

class SetupRunner {
 public:
  /// `progress(jail, step, task)` is called as each task starts; may be empty.
  using Progress = std::function<void(const std::string& jail, const std::string& step,
                                      const std::string& task)>;

  SetupRunner(host::JailHost& host, PlaybookCache& cache, std::string log_dir, Progress progress)
      : host_(host), cache_(cache), log_dir_(std::move(log_dir)), progress_(std::move(progress)) {}

  /// The step's bundle, ready on disk: a local playbook listed and hashed, a remote one
  /// fetched and verified. Memoised per step location (fetched once per run).
  Result<Bundle> bundle(const model::SetupStep& step);

  /// Runs one step against a running Linux jail. Fails (kRuntime) with the failing task, its
  /// host and its error, and the log path; kInterrupted when the user stopped jrun.
  Status run(const host::JailInstance& jail, const model::SetupStep& step);

  /// Tells whether the user stopped jrun (SIGINT): a run that fails then is kInterrupted.
  void set_interrupted(std::function<bool()> interrupted) { interrupted_ = std::move(interrupted); }

  /// Path of the step's log file.
  std::string log_path(const std::string& jail, const std::string& step) const;

 private:
  Status stage(const std::string& jail, const std::string& dir, const Bundle& bundle);

  host::JailHost& host_;
  PlaybookCache& cache_;
  std::string log_dir_;
  Progress progress_;
  std::function<bool()> interrupted_;
  std::mutex mu_;  // bundles_ and cache_ (jails of a layer run in parallel)
  std::map<std::string, Bundle> bundles_;
};

/// The hash that state records for a step (its bundle hash): a local playbook's files are
/// hashed; a remote step's manifest is fetched (a pinned, cached one is read from the cache).
Result<std::string> step_hash(const model::SetupStep& step, PlaybookCache& cache);

/// The last `count` non-empty lines of `text`.
std::string tail_lines(const std::string& text, std::size_t count);

/// What failed in an ansible-playbook run: the last failed task, its host and error, or the
/// output's tail when no task failed (a playbook-level error).
std::string describe_failure(const std::vector<TaskFailure>& failures, const std::string& output);

/// A name safe as one path component ([A-Za-z0-9_-], anything else '_').
std::string path_component(std::string_view name);

}  // namespace jrun::provision
