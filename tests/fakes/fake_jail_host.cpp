#include "fakes/fake_jail_host.h"

#include <thread>

namespace jrun::testing {

Status FakeJailHost::record(const std::string& call) {
  std::lock_guard lock(mu_);
  calls_.push_back(call);
  for (const auto& [prefix, message] : failures) {
    if (call.rfind(prefix, 0) == 0) return make_error(ErrorCode::kRuntime, message);
  }
  return {};
}

void FakeJailHost::begin() {
  {
    std::lock_guard lock(mu_);
    max_active_ = std::max(max_active_, ++active_);
  }
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
}

void FakeJailHost::end() {
  std::lock_guard lock(mu_);
  --active_;
}

Result<host::ProbeResult> FakeJailHost::probe() {
  TRY(record("probe"));
  std::lock_guard lock(mu_);
  host::ProbeResult result;
  for (const std::string& name : jails_) result.jails[name] = {true, true};
  return result;
}

Status FakeJailHost::prepare(const host::HostWiring& wiring) {
  TRY(record("prepare"));
  std::lock_guard lock(mu_);
  wiring_ = wiring;
  return {};
}

Status FakeJailHost::create(const host::JailInstance& jail, const host::HostWiring& /*wiring*/) {
  begin();
  Status status =
      record("create " + jail.config->name + " " + jail.ip + " clone=" + jail.clone_from);
  if (status) {
    std::lock_guard lock(mu_);
    jails_.insert(jail.config->name);
  }
  end();
  return status;
}

Status FakeJailHost::apply(const host::JailInstance& jail,
                           const std::vector<std::string>& sections) {
  begin();
  std::string list;
  for (const std::string& s : sections) list += (list.empty() ? "" : ",") + s;
  Status status = record("apply " + jail.config->name + " " + list);
  end();
  return status;
}

Status FakeJailHost::destroy(const std::string& name) {
  begin();
  Status status = record("destroy " + name);
  if (status) {
    std::lock_guard lock(mu_);
    jails_.erase(name);
  }
  end();
  return status;
}

Result<std::vector<host::ServiceStatus>> FakeJailHost::services(const std::string& name) {
  TRY(record("services " + name));
  std::lock_guard lock(mu_);
  auto it = service_answers.find(name);
  if (it == service_answers.end() || it->second.empty()) return std::vector<host::ServiceStatus>{};
  std::size_t n = service_calls_[name]++;
  return it->second[std::min(n, it->second.size() - 1)];
}

Result<int> FakeJailHost::enter(const std::string& name, const std::vector<std::string>& argv,
                                bool /*tty*/) {
  std::string call = "enter " + name;
  for (const std::string& a : argv) call += " " + a;
  TRY(record(call));
  return 0;
}

Result<int> FakeJailHost::logs(const std::string& name, const host::LogsQuery& query) {
  TRY(record("logs " + name + " " + query.service + (query.follow ? " -f" : "") + " -n " +
             std::to_string(query.lines) + (query.since.empty() ? "" : " --since " + query.since) +
             (query.timestamps ? " -t" : "")));
  return 0;
}

Status FakeJailHost::purge() {
  TRY(record("purge"));
  std::lock_guard lock(mu_);
  jails_.clear();
  return {};
}

std::vector<std::string> FakeJailHost::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

std::vector<std::string> FakeJailHost::calls_starting(const std::string& prefix) const {
  std::vector<std::string> out;
  for (const std::string& call : calls()) {
    if (call.rfind(prefix, 0) == 0) out.push_back(call);
  }
  return out;
}

std::size_t FakeJailHost::max_concurrent() const {
  std::lock_guard lock(mu_);
  return max_active_;
}

host::HostWiring FakeJailHost::last_wiring() const {
  std::lock_guard lock(mu_);
  return wiring_;
}

std::set<std::string> FakeJailHost::jails() const {
  std::lock_guard lock(mu_);
  return jails_;
}

}  // namespace jrun::testing
