// The host calls of one jail's step, and the wait for healthy dependencies.

#include <algorithm>
#include <thread>

#include "jrun/base/strings.h"
#include "jrun/engine/executor.h"

namespace jrun::engine {
namespace {

/// Sections the driver applies per jail: forwards are host-wide (prepare), setup is Ansible.
std::vector<std::string> driver_sections(const plan::JailStep& step) {
  std::vector<std::string> out;
  for (const std::string& section : step.sections) {
    if (section != "forwards" && section != "setup") out.push_back(section);
  }
  return out;
}

std::string unhealthy(const std::vector<host::ServiceStatus>& services) {
  std::vector<std::string> bad;
  for (const host::ServiceStatus& s : services) {
    if (!s.healthy) bad.push_back(s.name + " " + s.status);
  }
  return join(bad, ", ");
}

std::string seconds(std::chrono::milliseconds ms) {
  auto s = std::chrono::duration_cast<std::chrono::seconds>(ms).count();
  return std::to_string(s) + "s";
}

}  // namespace

Result<host::JailInstance> Executor::instance(const plan::JailStep& step) const {
  host::JailInstance jail;
  jail.config = config_.find(step.name);
  if (jail.config == nullptr) {
    return make_error(ErrorCode::kRuntime, "jail '" + step.name + "' is not in the config");
  }
  jail.ip = step.ip;
  jail.release = step.release;
  jail.clone_from = step.base;
  jail.monit_cycle = options_.monit_cycle;
  return jail;
}

Status Executor::act(const plan::JailStep& step) {
  if (step.action == plan::Action::kDestroy) return host_.destroy(step.name);
  ASSIGN_OR_RETURN(host::JailInstance jail, instance(step));
  if (step.action == plan::Action::kReplace) TRY(host_.destroy(step.name));
  if (step.action == plan::Action::kCreate || step.action == plan::Action::kReplace) {
    TRY(host_.create(jail, wiring_));
  }
  return apply_sections(step, jail);
}

Status Executor::apply_sections(const plan::JailStep& step, const host::JailInstance& jail) {
  std::vector<std::string> sections = driver_sections(step);
  if (!runs_setup(step)) return apply_services(step, jail, sections);
  // Setup needs the jail's mounts and must finish before its services start.
  auto mounts = std::find(sections.begin(), sections.end(), "mounts");
  if (mounts != sections.end()) {
    TRY(host_.apply(jail, {"mounts"}));
    sections.erase(mounts);
  }
  TRY(run_setup(step, jail));
  return apply_services(step, jail, sections);
}

Status Executor::apply_services(const plan::JailStep& step, const host::JailInstance& jail,
                                const std::vector<std::string>& sections) {
  if (sections.empty()) return {};
  bool execs = std::find(sections.begin(), sections.end(), "execs") != sections.end();
  if (execs) {
    for (const model::Dependency& dep : jail.config->depends) {
      if (dep.condition == model::DependCondition::kHealthy) TRY(wait_healthy(step.name, dep.name));
    }
  }
  return host_.apply(jail, sections);
}

/// Polls the dependency's services until every one is healthy, or fails after the timeout.
Status Executor::wait_healthy(const std::string& jail, const std::string& dependency) {
  emit(EngineEvent::Kind::kInfo, jail, "waiting for '" + dependency + "' to be healthy");
  std::chrono::milliseconds waited{0};
  std::string last = "no answer yet";
  while (true) {
    if (interrupted()) return make_error(ErrorCode::kInterrupted, "interrupted");
    auto services = host_.services(dependency);
    if (services) {
      last = unhealthy(*services);
      if (last.empty()) return {};
    } else {
      last = services.error().message;
    }
    if (waited >= options_.healthy_timeout) break;
    if (options_.sleep) {
      options_.sleep(options_.healthy_poll);
    } else {
      std::this_thread::sleep_for(options_.healthy_poll);
    }
    waited += options_.healthy_poll;
  }
  return make_error(ErrorCode::kRuntime, "'" + dependency + "' did not become healthy within " +
                                             seconds(options_.healthy_timeout) + " (" + last + ")");
}

}  // namespace jrun::engine
