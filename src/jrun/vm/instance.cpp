#include "jrun/vm/instance.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jrun/base/strings.h"
#include "jrun/vm/os.h"

namespace jrun::vm {
namespace {

namespace fs = std::filesystem;

constexpr int kPortScan = 100;  // ports tried after the preferred one (reference §1.1)
constexpr int kSerialTail = 25;

std::uint64_t to_u64(std::string_view text) {
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') break;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

int default_cpus(int host_cpus) {
  if (host_cpus <= 2) return 1;
  return std::clamp(host_cpus / 2, 2, 8);
}

std::string guest_figures_script() {
  return "df -Pk / | awk 'NR==2 {printf \"disk %.0f %.0f\\n\", $2*1024, $4*1024}'\n"
         "awk '/^MemTotal:/ {t=$2} /^MemAvailable:/ {a=$2} END {printf \"mem %.0f %.0f\\n\", "
         "t*1024, a*1024}' /proc/meminfo 2>/dev/null || true\n";
}

void parse_guest_figures(const std::string& output, VmStatus& status) {
  for (const std::string& line : split(output, '\n')) {
    const std::vector<std::string> f = split(std::string(trim(line)), ' ');
    if (f.size() != 3) continue;
    if (f[0] == "disk") {
      status.disk_total = to_u64(f[1]);
      status.disk_free = to_u64(f[2]);
    } else if (f[0] == "mem") {
      status.mem_total = to_u64(f[1]);
      status.mem_available = to_u64(f[2]);
    }
  }
}

Instance::Instance(InstancePaths paths, VmConfig config, host::ProcessRunner& runner)
    : paths_(std::move(paths)), config_(std::move(config)), runner_(runner) {}

void Instance::remove_runtime_files() {
  std::error_code ec;
  fs::remove(paths_.pidfile(), ec);
  fs::remove(paths_.qmp_socket(), ec);
}

int Instance::running_pid() {
  const int pid = os::read_pidfile(paths_.pidfile());
  if (os::is_qemu_alive(pid)) return pid;
  remove_runtime_files();  // stale: QEMU was killed or the machine rebooted
  return 0;
}

Result<VmRecord> Instance::load_record() const {
  std::ifstream in(paths_.record());
  if (!in) return VmRecord{};
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded()) {
    return make_error(ErrorCode::kState, paths_.record() + ": not valid JSON");
  }
  return record_from_json(json, paths_.record());
}

Status Instance::save_record(const VmRecord& record) const {
  const std::string tmp = paths_.record() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << record_to_json(record).dump(2) << "\n";
    if (!out.flush()) return make_error(ErrorCode::kRuntime, "cannot write " + tmp);
  }
  std::error_code ec;
  fs::rename(tmp, paths_.record(), ec);
  if (ec)
    return make_error(ErrorCode::kRuntime, "cannot write " + paths_.record() + ": " + ec.message());
  return {};
}

Result<std::uint16_t> Instance::pick_ssh_port(std::uint16_t recorded) const {
  const std::uint16_t preferred = recorded != 0 ? recorded : config_.ssh_port;
  for (int i = 0; i < kPortScan; ++i) {
    const int port = preferred + i;
    if (port > 65535) break;
    if (os::port_free(static_cast<std::uint16_t>(port))) return static_cast<std::uint16_t>(port);
  }
  return make_error(ErrorCode::kRuntime,
                    "no free port for the VM's ssh in [" + std::to_string(preferred) + ", " +
                        std::to_string(preferred + kPortScan) +
                        ") on 127.0.0.1: stop other VMs or set JRUN_VM_SSH_PORT");
}

VmSpec Instance::spec(Mode mode, std::uint16_t port, const std::vector<PortForward>& forwards,
                      const std::vector<Share>& shares) const {
  VmSpec s;
  s.arch = config_.facts.arch;
  s.accel = choose_accel(config_.facts);
  s.mode = mode;
  s.memory = config_.memory;
  s.cpus = config_.cpus > 0 ? config_.cpus : default_cpus(os::cpu_count());
  s.kernel = config_.kernel;
  s.initrd = config_.initrd;
  s.append = config_.append;
  s.firmware_code = config_.firmware_code;
  if (!config_.firmware_vars_template.empty()) s.firmware_vars = paths_.efi_vars();
  s.disk = paths_.disk();
  if (fs::exists(paths_.seed())) s.seed = paths_.seed();
  s.ssh_port = port;
  s.forwards = forwards;
  s.shares = shares;
  s.pidfile = paths_.pidfile();
  s.serial_log = paths_.serial_log();
  s.qmp_socket = paths_.qmp_socket();
  return s;
}

Result<VmRecord> Instance::launch(Mode mode, const std::vector<PortForward>& forwards,
                                  const std::vector<Share>& shares) {
  if (!fs::exists(paths_.disk())) {
    return make_error(ErrorCode::kRuntime, "the VM disk " + paths_.disk() + " is missing");
  }
  ASSIGN_OR_RETURN(VmRecord record, load_record());
  remove_runtime_files();
  ASSIGN_OR_RETURN(record.ssh_port, pick_ssh_port(record.ssh_port));
  if (!config_.firmware_vars_template.empty()) {
    std::error_code ec;  // EFI variables start fresh on every boot (reference §1.1)
    fs::copy_file(config_.firmware_vars_template, paths_.efi_vars(),
                  fs::copy_options::overwrite_existing, ec);
    if (ec) return make_error(ErrorCode::kRuntime, "cannot copy EFI VARS: " + ec.message());
  }
  std::ofstream(paths_.serial_log(), std::ios::trunc).flush();
  host::Command command;
  command.argv = qemu_argv(spec(mode, record.ssh_port, forwards, shares));
  record.forwards = forwards;
  record.shares = shares;
  record.mode = mode == Mode::kServer ? "server" : mode == Mode::kTty ? "tty" : "graphic";
  record.started_at = os::now_seconds();
  TRY(save_record(record));
  if (mode != Mode::kServer) {
    ASSIGN_OR_RETURN(int code, runner_.run_attached(command));
    remove_runtime_files();
    if (code != 0) {
      return make_error(ErrorCode::kRuntime, "QEMU exited with status " + std::to_string(code));
    }
    return record;
  }
  command.timeout = std::chrono::minutes(2);
  ASSIGN_OR_RETURN(host::ProcessResult result, runner_.run(command));
  if (result.exit_code != 0 && choose_accel(config_.facts) != Accel::kTcg) {
    // /dev/kvm can exist and still fail (nested virtualization without MSR support): the
    // accelerator chain is QEMU exiting, then TCG with -cpu max.
    VmSpec tcg = spec(mode, record.ssh_port, forwards, shares);
    tcg.accel = Accel::kTcg;
    command.argv = qemu_argv(tcg);
    remove_runtime_files();
    ASSIGN_OR_RETURN(result, runner_.run(command));
  }
  if (result.exit_code != 0 || running_pid() == 0) {
    remove_runtime_files();
    return make_error(ErrorCode::kRuntime, "QEMU failed to start (exit " +
                                               std::to_string(result.exit_code) +
                                               "): " + std::string(trim(result.err + result.out)));
  }
  return record;
}

Result<std::int64_t> Instance::wait_ready(host::SshTransport& ssh) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::seconds(config_.ready_timeout_s);
  const std::uint16_t port = ssh.target().port;
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    if (running_pid() == 0) {
      return make_error(ErrorCode::kRuntime,
                        "QEMU exited while the guest was booting; last lines of " +
                            paths_.serial_log() + ":\n" +
                            os::tail_file(paths_.serial_log(), kSerialTail));
    }
    // The banner probe is cheap (no key exchange), so it runs every 100 ms; ssh runs only
    // once sshd answers. Before the guest listens QEMU closes the connection at once; after,
    // the banner may take seconds under TCG (sshd re-executes itself per connection).
    if (os::ssh_banner(port, 10000)) {
      auto r = ssh.run_user_command("true");
      if (r && r->exit_code == 0) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - start)
            .count();
      }
      last = r ? std::string(trim(r->err)) : r.error().message;
    }
    os::sleep_ms(100);
  }
  return make_error(ErrorCode::kRuntime,
                    "the VM did not accept ssh on 127.0.0.1:" + std::to_string(port) + " within " +
                        std::to_string(config_.ready_timeout_s) + "s" +
                        (last.empty() ? "" : " (last ssh error: " + last + ")") +
                        "; last lines of " + paths_.serial_log() + ":\n" +
                        os::tail_file(paths_.serial_log(), kSerialTail));
}

VmStatus Instance::status() {
  VmStatus s;
  s.pid = running_pid();
  s.running = s.pid != 0;
  auto record = load_record();
  if (s.running && record) {
    s.ssh_endpoint = "127.0.0.1:" + std::to_string(record->ssh_port);
    s.uptime_s = std::max<std::int64_t>(0, os::now_seconds() - record->started_at);
    s.mode = record->mode;
  }
  return s;
}

host::SshTarget Instance::ssh_target(std::uint16_t port) const {
  host::SshTarget t;
  t.port = port;
  t.key = paths_.key();
  t.known_hosts = paths_.known_hosts();
  t.control_path = paths_.control_path();
  return t;
}

}  // namespace jrun::vm
