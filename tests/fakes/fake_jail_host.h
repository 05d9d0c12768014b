#pragma once
// A JailHost that records every call and replays scripted failures (ninja's FakeCommandRunner
// in spirit). Thread-safe: the engine calls it from several worker threads.

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "jrun/host/jail_host.h"

namespace jrun::testing {

class FakeJailHost : public host::JailHost {
 public:
  std::string driver() const override { return "fake"; }
  Result<host::ProbeResult> probe() override;
  Status prepare(const host::HostWiring& wiring) override;
  Status create(const host::JailInstance& jail, const host::HostWiring& wiring) override;
  Status apply(const host::JailInstance& jail, const std::vector<std::string>& sections) override;
  Status destroy(const std::string& name) override;
  Result<std::vector<host::ServiceStatus>> services(const std::string& name) override;
  Result<int> enter(const std::string& name, const std::vector<std::string>& argv,
                    bool tty) override;
  Result<int> logs(const std::string& name, const host::LogsQuery& query) override;
  Status purge() override;

  // --- scripting (set before use) ---
  /// A call whose description ("create web", "apply web", "destroy db", "prepare") starts with
  /// a key fails with that message.
  std::map<std::string, std::string> failures;
  /// Successive answers of services(name); the last one repeats.
  std::map<std::string, std::vector<std::vector<host::ServiceStatus>>> service_answers;
  /// Each create/apply/destroy takes this long (to observe parallelism).
  std::chrono::milliseconds delay{0};

  // --- observations ---
  /// Every call in order, e.g. "prepare", "create web 10.17.89.10 clone=", "apply web
  /// mounts,execs", "destroy web", "services db".
  std::vector<std::string> calls() const;
  /// Calls whose description starts with `prefix`.
  std::vector<std::string> calls_starting(const std::string& prefix) const;
  std::size_t max_concurrent() const;
  host::HostWiring last_wiring() const;
  std::set<std::string> jails() const;  ///< jails that exist on the fake host

 private:
  Status record(const std::string& call);
  void begin();
  void end();

  mutable std::mutex mu_;
  std::vector<std::string> calls_;
  std::map<std::string, std::size_t> service_calls_;
  std::set<std::string> jails_;
  host::HostWiring wiring_;
  std::size_t active_ = 0;
  std::size_t max_active_ = 0;
};

}  // namespace jrun::testing
