// Renderers at fixed widths, with and without colour, compared byte for byte with
// tests/golden/ui/<case>.txt. Regenerate with JRUN_UPDATE_GOLDEN=1 and read the diff.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "jrun/ui/live.h"
#include "jrun/ui/progress.h"
#include "jrun/ui/status_view.h"
#include "jrun/ui/table.h"

namespace jrun::ui {
namespace {

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/ui/" + name + ".txt";
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

Style plain(std::size_t width) { return Style{false, true, width}; }
Style colour(std::size_t width) { return Style{true, true, width}; }
Style ascii(std::size_t width) { return Style{false, false, width}; }

ServiceView service(std::string name, double cpu, double mb, long up, int restarts,
                    std::string health = "") {
  ServiceView s;
  s.name = std::move(name);
  s.status = "ok";
  s.health = std::move(health);
  s.cpu_percent = cpu;
  s.memory_bytes = mb * 1024 * 1024;
  s.uptime_seconds = up;
  s.restarts = restarts;
  return s;
}

StatusView stack() {
  StatusView view;
  view.host = "local (linux)";
  JailView web{"web",
               "up",
               true,
               false,
               {"10.17.89.10"},
               {"tcp/8080 → 80", "udp/0.0.0.0:5353 → 53"},
               {"…/examples/site → /srv/site"},
               {},
               true,
               ""};
  web.services = {service("server", 2.5, 12.3, 3725, 0, "passing"),
                  service("worker", 71.0, 250.0, 59, 3, "failing")};
  JailView db{"postgres-16", "down", true, false, {"10.17.89.11"}, {}, {}, {}, false, ""};
  JailView gone{"old", "missing", true, true, {"10.17.89.12"}, {}, {}, {}, false, ""};
  JailView stray{"stray", "up", false, false, {}, {}, {}, {}, false, ""};
  view.jails = {web, db, gone, stray};
  return view;
}

TEST(UiGolden, StatusTable) {
  check_golden("status-80", render_status_table(stack(), {}, plain(80)));
  check_golden("status-all-80", render_status_table(stack(), {true, true}, plain(80)));
  check_golden("status-all-60-colour", render_status_table(stack(), {true, true}, colour(60)));
  check_golden("status-ascii-80", render_status_table(stack(), {true, false}, ascii(80)));
  check_golden("status-empty",
               render_status_table(StatusView{{}, "local (linux)", {}}, {}, plain(80)));
}

TEST(UiGolden, StatusTree) {
  check_golden("tree-80", render_status_tree(stack(), {true, true}, plain(80)));
  check_golden("tree-40-colour", render_status_tree(stack(), {}, colour(40)));
  check_golden("tree-ascii", render_status_tree(stack(), {true, true}, ascii(80)));
}

TEST(UiGolden, JailDetail) {
  check_golden("detail-80", render_jail_detail(stack().jails[0], plain(80)));
  check_golden("detail-80-colour", render_jail_detail(stack().jails[0], colour(80)));
  check_golden("detail-tree-80", render_jail_tree(stack().jails[0], plain(80)));
  check_golden("detail-no-services", render_jail_detail(stack().jails[1], plain(80)));
}

TEST(UiGolden, FailedSetupStepShowsInTheTableAndTheDetail) {
  StatusView view = stack();
  view.jails[0].setup_failed = "step 'db' failed: task 'migrate' failed on localhost: no database";
  const std::string table = render_status_table(view, {}, plain(80));
  const std::size_t row = table.find("  web ");
  ASSERT_NE(row, std::string::npos) << table;
  EXPECT_EQ(table.substr(row, table.find('\n', row) - row).find("setup failed"), 20U) << table;
  check_golden("detail-setup-failed", render_jail_detail(view.jails[0], plain(100)));
}

VmView stopped_vm() {
  VmView vm;
  vm.state = "stopped";
  return vm;
}

TEST(UiGolden, VmHeader) {
  StatusView view = stack();
  VmView vm;
  vm.state = "running";
  vm.pid = 4242;
  vm.ssh = "127.0.0.1:2222";
  vm.uptime = "2:13";
  vm.disk = "12G free of 20G";
  vm.memory = "3.8 GB usable / 4.0 GB total";
  view.vm = vm;
  view.jails.resize(1);
  check_golden("vm-status-80", render_status_table(view, {}, plain(80)));
  check_golden("vm-tree-80", render_status_tree(view, {}, plain(80)));
  check_golden("vm-stopped", render_vm_header(stopped_vm(), "", plain(80)));
}

LiveModel live_model(int samples) {
  LiveModel model;
  for (int i = 0; i < samples; ++i) {
    JailView jail = stack().jails[0];
    jail.services[0].cpu_percent = (i * 7) % 100;
    jail.services[0].memory_bytes = (12.0 + (i % 5)) * 1024 * 1024;
    jail.services[1].cpu_percent = 100.0 * i / samples;
    model.add_sample(jail);
  }
  return model;
}

TEST(UiGolden, LiveFrame) {
  check_golden("live-full-100", render_live_frame(live_model(60), false, 2, plain(100)));
  check_golden("live-full-100-colour", render_live_frame(live_model(60), false, 2, colour(100)));
  check_golden("live-partial-100", render_live_frame(live_model(5), false, 2, plain(100)));
  check_golden("live-tree-80", render_live_frame(live_model(60), true, 2, plain(80)));
  check_golden("live-ascii-100", render_live_frame(live_model(60), false, 1, ascii(100)));
}

TEST(UiGolden, ProgressAndMessages) {
  std::string out = render_progress("debian-12.qcow2", 0, 0, true, plain(80));
  out += render_progress("debian-12.qcow2", 4404019, 10485760, true, plain(80));
  out += render_progress("debian-12.qcow2", 10485760, 10485760, true, plain(80));
  out += render_progress("jails", 3, 7, false, plain(50));
  out += render_progress("jails", 3, 7, false, colour(50));
  out += render_progress("jails", 3, 7, false, ascii(50));
  for (const Style& s : {plain(80), colour(80), ascii(80)}) {
    out += render_message(MessageKind::kSuccess, "Jail 'web' is up.", s);
    out += render_message(MessageKind::kWarning, "waiting for another jrun", s);
    out += render_message(MessageKind::kError, "two lines:\nsecond", s);
    out += render_message(MessageKind::kInfo, "planning", s);
  }
  check_golden("progress-messages", out);
}

TEST(Sparkline, FullHistoryFillsTheWholeWidth) {
  // Reference bug 17: 20 samples for 40 slots left half of every sparkline blank.
  LiveModel model = live_model(100);
  const auto& cpu = model.history().at("worker").cpu;
  EXPECT_EQ(cpu.samples().size(), 2 * kSparkWidth);
  const std::string line = render_sparkline(cpu.samples(), cpu_scale(), kSparkWidth, plain(80));
  EXPECT_EQ(display_width(line), kSparkWidth);
  EXPECT_EQ(line.find(' '), std::string::npos) << line;
  EXPECT_EQ(line.find("\u2800"), std::string::npos) << "no empty cell: " << line;
}

TEST(Sparkline, LevelsAndScales) {
  EXPECT_EQ(level(0, cpu_scale()), 0);
  EXPECT_EQ(level(0.1, cpu_scale()), 1);
  EXPECT_EQ(level(50, cpu_scale()), 2);
  EXPECT_EQ(level(100, cpu_scale()), 4);
  EXPECT_EQ(level(400, cpu_scale()), 4);
  const Scale mem = memory_scale({100.0 * 1048576, 100.0 * 1048576});
  EXPECT_DOUBLE_EQ(mem.low, 70.0 * 1048576);
  EXPECT_DOUBLE_EQ(mem.high, 130.0 * 1048576);
  EXPECT_DOUBLE_EQ(memory_scale({1000.0}).low, 0.0);
  EXPECT_EQ(render_sparkline({}, cpu_scale(), 3, plain(80)), "   ");
  EXPECT_EQ(render_sparkline({100, 100}, cpu_scale(), 1, plain(80)), "\u28ff");
}

TEST(Table, ShrinksToTheWidthAndCutsWithAnEllipsis) {
  Table table;
  table.header = {"a", "b"};
  table.rows = {{{"short"}, {std::string(100, 'x')}}};
  const std::string out = render_table(table, plain(40));
  for (const std::string& line : {out.substr(0, out.find('\n')), out.substr(out.find('\n') + 1)}) {
    EXPECT_LE(display_width(line), 41U) << line;
  }
  EXPECT_NE(out.find("…"), std::string::npos);
  EXPECT_EQ(render_table(table, ascii(40)).find("…"), std::string::npos);
}

TEST(Style, WidthIgnoresEscapesAndCountsCodePoints) {
  EXPECT_EQ(display_width("\033[1;32m✓\033[0m ok"), 4U);
  EXPECT_EQ(paint("x", Color::kRed, plain(80)), "x");
  EXPECT_EQ(paint("x", Color::kRed, colour(80)), "\033[31mx\033[0m");
  EXPECT_EQ(format_duration(3725), "1h 2m");
  EXPECT_EQ(format_duration(59), "59s");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
}

}  // namespace
}  // namespace jrun::ui
