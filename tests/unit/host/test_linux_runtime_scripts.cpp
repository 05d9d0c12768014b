// The linux runtime's scripts as values: golden files (tests/golden/linux/runtime-*), each
// checked with sh -n and shellcheck; hostile values reach the shell only as data.

#include <gtest/gtest.h>

#include "jrun/host/linux/init_script.h"
#include "jrun/host/linux/jail_commands.h"
#include "jrun/host/linux/mounts.h"
#include "jrun/host/linux/runtime_parts.h"
#include "jrun/host/linux/runtime_scripts.h"
#include "jrun/host/linux/script_text.h"
#include "test_network_support.h"

namespace jrun::host::linux_driver::testing {
namespace {

class RuntimeScripts : public ::testing::Test {
 protected:
  RuntimeScripts() {
    layout_.data_dir = "/var/lib/jrun/linux";
    web_.name = "web";
    model::Mount mount;
    mount.name = "data";
    mount.host = "/home/me/project";
    mount.jail = "/srv/data";
    web_.mounts = {mount};
    web_.limits.cpu = 1.5;
    web_.limits.memory = 512ULL << 20;
    web_.limits.processes = 256;
    wiring_.jails = {{"db", "10.17.89.11"}, {"web", "10.17.89.10"}};
    extras_.nameservers = {"192.0.2.53"};
    extras_.service_files = {{"/etc/monit/monitrc", 0600, "set daemon 30\n"}};
  }
  JailInstance instance(const std::string& release = "", const std::string& clone = "") const {
    return JailInstance{&web_, "10.17.89.10", release, clone, 30};
  }
  void golden(const std::string& name, const std::string& script) {
    check_golden("runtime-" + name, script);
    expect_clean_script(name, script);
  }

  LinuxLayout layout_;
  model::Jail web_;
  HostWiring wiring_;
  CreateExtras extras_;
};

TEST_F(RuntimeScripts, Create) {
  golden("create.sh", create_script(instance(), wiring_, layout_, extras_));
}

TEST_F(RuntimeScripts, CreateCloneOfDebian) {
  golden("create-clone-debian.sh",
         create_script(instance("debian-12", "base"), wiring_, layout_, extras_));
}

TEST_F(RuntimeScripts, Init) {
  InitSpec spec{"web", true, false, {{"/etc/hostname", 0644, "web\n"}}};
  golden("init.sh", init_script(spec, layout_));
  InitSpec clone{"web", false, true, {}};
  golden("init-clone-debian.sh", init_script(clone, layout_));
}

TEST_F(RuntimeScripts, Destroy) { golden("destroy.sh", destroy_script("web", layout_)); }

TEST_F(RuntimeScripts, Probe) { golden("probe.sh", probe_script(layout_)); }

TEST_F(RuntimeScripts, Apply) {
  golden("apply.sh", apply_script(instance(), {"mounts", "limits", "execs"}, layout_,
                                  "echo converge services\n"));
}

TEST_F(RuntimeScripts, Prepare) { golden("prepare.sh", prepare_script(wiring_, layout_)); }

TEST_F(RuntimeScripts, Purge) { golden("purge.sh", purge_script({"db", "web"}, layout_)); }

TEST_F(RuntimeScripts, Services) { golden("services.sh", services_script("web", layout_)); }

TEST_F(RuntimeScripts, StatusOfEveryJailInOneScript) {
  golden("status.sh", status_script({"web", "db"}, layout_));
}

TEST(RuntimeStatus, SplitsServiceSectionsByJail) {
  const auto sections = split_status_sections(
      "jail web 1\njail db 0\njrun-services web\nProcess 'api'\n  status  OK\n"
      "jrun-starts api 3\njrun-services-end\nnoise\n");
  ASSERT_EQ(sections.size(), 1U);
  EXPECT_EQ(sections.at("web"), "Process 'api'\n  status  OK\njrun-starts api 3\n");
  const ProbeResult probe = parse_probe("jail web 1\njail db 0\njrun-services web\n");
  EXPECT_EQ(probe.jails.size(), 2U);
}

TEST_F(RuntimeScripts, AttachedCommandsAreCleanShell) {
  const auto enter = enter_argv("web", {"/bin/echo", "a b"}, layout_);
  ASSERT_GE(enter.size(), 5U);
  EXPECT_EQ(enter[0], "/bin/sh");
  expect_clean_script("enter", "#!/bin/sh\n" + enter[2]);
  EXPECT_EQ(enter.back(), "a b");
  LogsQuery query;
  query.service = "api";
  query.follow = true;
  query.lines = 20;
  query.color = true;
  const auto logs = jail_logs_argv("web", query, layout_);
  ASSERT_GE(logs.size(), 16U);
  expect_clean_script("logs (inside)", "#!/bin/sh\n" + logs[logs.size() - 9]);
  EXPECT_EQ(std::vector<std::string>(logs.end() - 7, logs.end()),
            (std::vector<std::string>{"/var/log/jrun", "20", "follow", "api", "", "0", "1"}));
}

TEST(RuntimeProbe, ParsesJailLines) {
  const ProbeResult probe = parse_probe("jail web 1\njail db 0\nnoise\njail Bad 1\njail x\n");
  ASSERT_EQ(probe.jails.size(), 2U);
  EXPECT_TRUE(probe.jails.at("web").exists);
  EXPECT_TRUE(probe.jails.at("web").running);
  EXPECT_FALSE(probe.jails.at("db").running);
}

// Issue 15, item 2: the probe reports the address each jail holds (its `address` file), so an
// address stays taken while the jail exists even when state.json is lost.
TEST(RuntimeProbe, ReportsTheAddressEachJailHolds) {
  const ProbeResult probe =
      parse_probe("jail web 1 10.17.89.10\njail db 0 \njail old 1\njail bad 1 10.17.89.300\n");
  ASSERT_EQ(probe.jails.size(), 4U);
  EXPECT_EQ(probe.jails.at("web").ip, "10.17.89.10");
  EXPECT_EQ(probe.jails.at("db").ip, "");
  EXPECT_FALSE(probe.jails.at("db").running);
  EXPECT_EQ(probe.jails.at("old").ip, "");
  EXPECT_EQ(probe.jails.at("bad").ip, "");
}

TEST(RuntimeChecks, RejectLayoutsAndInstancesTheScriptsCannotCarry) {
  LinuxLayout layout;
  layout.data_dir = "/root/.jrun/linux";
  EXPECT_TRUE(check_layout(layout).has_value());
  for (const char* bad : {"relative/dir", "/with space", "/a,b", "/a:b", "/a/../b", ""}) {
    layout.data_dir = bad;
    EXPECT_FALSE(check_layout(layout).has_value()) << bad;
  }
  layout.data_dir = "/x";
  layout.bridge = "br;rm";
  EXPECT_FALSE(check_layout(layout).has_value());

  model::Jail jail;
  jail.name = "web";
  EXPECT_TRUE(check_instance({&jail, "10.0.0.2", "", "", 30}).has_value());
  EXPECT_FALSE(check_instance({&jail, "10.0.0.2", "freebsd-15", "", 30}).has_value());
  EXPECT_FALSE(check_instance({&jail, "10.0.0.2", "", "web", 30}).has_value());
  EXPECT_FALSE(check_instance({&jail, "10.0.0.2", "", "../x", 30}).has_value());
  jail.name = "We b";
  EXPECT_FALSE(check_instance({&jail, "10.0.0.2", "", "", 30}).has_value());
}

// The process checks read /proc with builtins: a live process is alive, a gone one is not, and
// neither a shell nor a non-number is taken for a jail's init.
TEST(ProcessFunctions, AliveAndInitChecks) {
  const std::string script = process_functions() +
                             "sleep 5 & p=$!\n"
                             "jrun_alive \"$p\" && echo alive\n"
                             "jrun_is_init \"$p\" || echo not-init\n"
                             "jrun_is_init '1;x' || echo not-a-pid\n"
                             "kill \"$p\"; wait \"$p\" 2>/dev/null\n"
                             "jrun_alive \"$p\" || echo gone\n";
  const Output out = run_shell("sh -c " + shell_quote(script));
  EXPECT_EQ(out.text, "alive\nnot-init\nnot-a-pid\ngone\n");
}

}  // namespace
}  // namespace jrun::host::linux_driver::testing
