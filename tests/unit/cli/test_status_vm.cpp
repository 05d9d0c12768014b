// The VM in `jrun status`: the vm provider's figures as the ui's VmView, in the rendered header
// and in `status --json`.

#include <gtest/gtest.h>

#include "jrun/cli/status_data.h"
#include "jrun/cli/vm_provider.h"

namespace jrun::cli {
namespace {

vm::VmStatus running_vm() {
  vm::VmStatus s;
  s.running = true;
  s.pid = 4242;
  s.ssh_endpoint = "127.0.0.1:2222";
  s.uptime_s = 3725;
  s.mode = "tcg";
  s.disk_total = 20ULL << 30;
  s.disk_free = 12ULL << 30;
  s.mem_total = 4ULL << 30;
  s.mem_available = 3ULL << 30;
  return s;
}

TEST(StatusVm, RunningVmFillsEveryFigure) {
  const ui::VmView v = vm_view(running_vm());
  EXPECT_EQ(v.state, "running");
  EXPECT_EQ(v.pid, 4242);
  EXPECT_EQ(v.ssh, "127.0.0.1:2222");
  EXPECT_EQ(v.uptime, "1h2m");
  EXPECT_EQ(v.disk, "12.0 GB free of 20.0 GB");
  EXPECT_EQ(v.memory, "3.0 GB available of 4.0 GB");
  EXPECT_EQ(v.accel, "tcg");
  EXPECT_EQ(v.uptime_seconds, 3725);
  EXPECT_EQ(v.disk_total_bytes, double(20ULL << 30));
  EXPECT_EQ(v.memory_available_bytes, double(3ULL << 30));

  const std::string header = ui::render_vm_header(v, "", ui::Style{false, true, 100});
  EXPECT_NE(header.find("VM  running  on 127.0.0.1:2222  (pid 4242)"), std::string::npos) << header;
  EXPECT_NE(header.find("disk    12.0 GB free of 20.0 GB"), std::string::npos) << header;
}

TEST(StatusVm, GuestFiguresMissingStayUnknown) {
  vm::VmStatus s = running_vm();
  s.disk_total = s.disk_free = s.mem_total = s.mem_available = 0;  // the ssh round trip failed
  const ui::VmView v = vm_view(s);
  EXPECT_EQ(v.disk, "");
  EXPECT_LT(v.disk_total_bytes, 0);
  ui::StatusView view;
  view.vm = v;
  const auto json = status_json(view, state::State{}, "vm");
  EXPECT_TRUE(json["vm"]["disk_total_bytes"].is_null());
  EXPECT_EQ(json["vm"]["uptime_seconds"], 3725);
  EXPECT_EQ(json["vm"]["disk"], "");
}

TEST(StatusVm, StoppedVmIsAnObjectInJsonAndNotRunningOnScreen) {
  const ui::VmView v = vm_view(vm::VmStatus{});
  EXPECT_EQ(v.state, "stopped");
  ui::StatusView view;
  view.vm = v;
  const auto json = status_json(view, state::State{}, "vm");
  ASSERT_TRUE(json["vm"].is_object()) << json.dump();
  EXPECT_EQ(json["vm"]["state"], "stopped");
  EXPECT_EQ(json["vm"]["pid"], 0);
  EXPECT_TRUE(json["jails"].empty());
  const std::string header = ui::render_vm_header(v, "", ui::Style{false, true, 80});
  EXPECT_EQ(header, "  ●  VM  not running\n  Run `jrun start` to boot it.\n");
}

TEST(StatusVm, RunningVmJsonCarriesNumbers) {
  ui::StatusView view;
  view.vm = vm_view(running_vm());
  const auto json = status_json(view, state::State{}, "vm");
  EXPECT_EQ(json["vm"]["state"], "running");
  EXPECT_EQ(json["vm"]["accel"], "tcg");
  EXPECT_EQ(json["vm"]["disk_free_bytes"], std::int64_t(12) << 30);
  EXPECT_EQ(json["vm"]["memory_total_bytes"], std::int64_t(4) << 30);
}

}  // namespace
}  // namespace jrun::cli
