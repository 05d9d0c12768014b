#pragma once
// What `jrun status` shows, as plain data (filled by the cli from state, the probe and the
// services of the jail host), and its renderers: the overview table and tree, one jail in
// detail (table or tree), and the VM header.

#include <optional>
#include <string>
#include <vector>

#include "jrun/ui/style.h"
#include "jrun/ui/tree.h"

namespace jrun::ui {

struct ServiceView {
  std::string name;
  std::string status;       ///< monit's word, lower-case: "ok", "not monitored", ...
  std::string health;       ///< "passing", "failing", "pending", "" = no healthcheck
  double cpu_percent = -1;  ///< -1 = unknown
  double memory_bytes = -1;
  long uptime_seconds = -1;
  int restarts = -1;
  long pid = 0;  ///< the service's first process (its process group leader); 0 = not running
};

struct JailView {
  std::string name;
  std::string state;    ///< "up", "down", "missing", "creating", ...
  bool managed = true;  ///< recorded in state (false: found on the host only)
  bool stale = false;   ///< recorded, but gone from the host
  std::vector<std::string> ips;
  std::vector<std::string> ports;   ///< "tcp 127.0.0.1:8080 → 80"
  std::vector<std::string> mounts;  ///< "…/site → /srv/site"
  std::vector<ServiceView> services;
  bool services_known = false;  ///< services were asked for (a running jail)
  std::string setup_failed;     ///< "step 'x' failed: why" until that step succeeds; "" = none
};

/// The VM of the `vm` provider (filled by the VM layer); absent on the local provider.
struct VmView {
  std::string state;  ///< "running", "stopped" (shown as "not running")
  long pid = 0;
  std::string ssh;  ///< "127.0.0.1:2222"
  std::string uptime;
  std::string disk;    ///< "12G free of 20G"
  std::string memory;  ///< "3.8 GB usable / 4.0 GB total"
  // The same figures as numbers for `status --json` (-1 = unknown).
  std::string accel;  ///< "kvm", "hvf", "tcg" ("" = unknown)
  long uptime_seconds = -1;
  double disk_total_bytes = -1;
  double disk_free_bytes = -1;
  double memory_total_bytes = -1;
  double memory_available_bytes = -1;
};

struct StatusView {
  std::optional<VmView> vm;
  std::string host;  ///< "local (linux)" when there is no VM
  std::vector<JailView> jails;
};

/// Which optional columns the overview shows (`--show ip|services|all`).
struct ShowColumns {
  bool ip = false;
  bool services = false;
};

/// "…/<last two parts> → jail path" as the reference (paths of ≤ 2 parts whole).
std::string mount_text(const std::string& host, const std::string& jail, const Style& style);

std::string render_status_table(const StatusView& view, ShowColumns show, const Style& style);
std::string render_status_tree(const StatusView& view, ShowColumns show, const Style& style);
std::string render_jail_detail(const JailView& jail, const Style& style);
std::string render_jail_tree(const JailView& jail, const Style& style);
/// The VM header line and its vitals ("" without a VM).
std::string render_vm_header(const std::optional<VmView>& vm, const std::string& host,
                             const Style& style);

/// Cell texts shared with the live monitor.
std::string cpu_text(double percent);
std::string memory_text(double bytes);
std::string restarts_text(int restarts);
/// monit's word, or for a running service with a healthcheck "healthy", "unhealthy" or
/// "starting" (no check has run yet).
std::string service_state_text(const ServiceView& service);
Color service_color(const ServiceView& service);

}  // namespace jrun::ui
