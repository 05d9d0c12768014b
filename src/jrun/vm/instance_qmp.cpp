// The parts of the VM lifecycle that talk to QEMU's monitor: graceful stop and live forwards.

#include <signal.h>

#include <algorithm>

#include "jrun/vm/instance.h"
#include "jrun/vm/os.h"
#include "jrun/vm/qmp.h"

namespace jrun::vm {
namespace {

constexpr int kQmpTimeoutMs = 5000;

struct Monitor {
  std::unique_ptr<QmpChannel> channel;
  std::unique_ptr<QmpClient> client;
};

Result<Monitor> open_monitor(const std::string& socket) {
  Monitor m;
  ASSIGN_OR_RETURN(m.channel, connect_qmp(socket, kQmpTimeoutMs));
  m.client = std::make_unique<QmpClient>(*m.channel);
  TRY(m.client->handshake());
  return m;
}

bool contains(const std::vector<PortForward>& list, const PortForward& f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

}  // namespace

bool Instance::wait_exit(int pid, int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 100) {
    if (!os::is_qemu_alive(pid)) return true;
    os::sleep_ms(100);
  }
  return !os::is_qemu_alive(pid);
}

Result<std::string> Instance::stop() {
  const int pid = running_pid();
  if (pid == 0) return std::string("not running");
  std::string how;
  auto monitor = open_monitor(paths_.qmp_socket());
  if (monitor && monitor->client->execute("system_powerdown") &&
      wait_exit(pid, config_.stop_timeout_s * 1000)) {
    how = "powered off";
  } else if (monitor && monitor->client->execute("quit") && wait_exit(pid, 5000)) {
    how =
        "quit (the guest did not power off within " + std::to_string(config_.stop_timeout_s) + "s)";
  } else if (os::send_signal(pid, SIGTERM) && wait_exit(pid, 5000)) {
    how = "terminated";
  } else {
    os::send_signal(pid, SIGKILL);
    wait_exit(pid, 5000);
    how = "killed";
  }
  remove_runtime_files();
  return how;
}

Status Instance::sync_forwards(const std::vector<PortForward>& desired) {
  ASSIGN_OR_RETURN(VmRecord record, load_record());
  std::vector<PortForward> gone, added;
  for (const PortForward& f : record.forwards) {
    if (!contains(desired, f)) gone.push_back(f);
  }
  for (const PortForward& f : desired) {
    if (!contains(record.forwards, f)) added.push_back(f);
  }
  if (gone.empty() && added.empty()) return {};
  ASSIGN_OR_RETURN(Monitor monitor, open_monitor(paths_.qmp_socket()));
  for (const PortForward& f : gone) {
    const std::string rule = f.proto + ":" + f.bind + ":" + std::to_string(f.host_port);
    TRY(monitor.client->hostfwd_remove("net0", rule));
    record.forwards.erase(std::find(record.forwards.begin(), record.forwards.end(), f));
    TRY(save_record(record));
  }
  for (const PortForward& f : added) {
    if (!os::port_free(f.host_port) && f.proto == "tcp") {
      return make_error(ErrorCode::kRuntime, "host port 127.0.0.1:" + std::to_string(f.host_port) +
                                                 " is already in use by another program");
    }
    TRY(monitor.client->hostfwd_add("net0", hostfwd_rule(f)));
    record.forwards.push_back(f);
    TRY(save_record(record));
  }
  return {};
}

}  // namespace jrun::vm
