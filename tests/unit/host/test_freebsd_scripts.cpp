// The freebsd driver's scripts as values (golden, sh -n, shellcheck, manual pages cited), its
// probe parsers on fixtures in FreeBSD's documented formats, and the driver over a recording
// transport.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "freebsd_test_support.h"
#include "jrun/base/strings.h"
#include "jrun/host/freebsd/freebsd_driver.h"
#include "jrun/host/freebsd/probe.h"
#include "jrun/host/freebsd/scripts.h"

namespace jrun::host::freebsd_driver {
namespace {

using namespace testing;  // NOLINT

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(JRUN_TEST_DATA) + "/unit/host/fixtures/freebsd/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A FreeBSD host whose facts are known (nothing to detect).
FreeBsdLayout host_layout() {
  FreeBsdLayout layout;
  layout.owns_host = false;
  layout.ext_if = "em0";
  return layout;
}

struct Scripts : ::testing::Test {
  FreeBsdLayout layout;
  model::Jail jail = example_jail();
  HostWiring wiring = example_wiring();

  // On a host, forwards listen on its addresses (loopback ones are refused).
  HostWiring host_wiring() {
    HostWiring out = wiring;
    for (HostWiring::Forward& f : out.forwards) f.bind = "0.0.0.0";
    return out;
  }

  std::vector<std::pair<std::string, std::string>> all() {
    model::Jail api = jail;
    api.name = "api";
    return {
        {"prepare.sh", prepare_script(layout, wiring)},
        {"create.sh", create_script(instance(jail), layout, wiring)},
        {"create-clone.sh", create_script(instance(api, "10.17.89.12", "web"), layout, wiring)},
        {"apply.sh",
         apply_script(instance(jail), {"mounts", "limits", "execs"}, layout, wiring, 10)},
        {"apply-mounts.sh", apply_script(instance(jail), {"mounts"}, layout, wiring, 10)},
        {"destroy.sh", destroy_script("web", layout)},
        {"purge.sh", purge_script({"api", "web"}, layout)},
        {"probe.sh", probe_script(layout)},
        {"services.sh", services_script("web", layout)},
        {"snapshot-create.sh", snapshot_create_script("web", "before-upgrade", layout)},
        {"snapshot-list.sh", snapshot_list_script("web", layout)},
        {"snapshot-rollback.sh", snapshot_rollback_script("web", "before-upgrade", layout)},
        {"snapshot-delete.sh", snapshot_delete_script("web", "before-upgrade", layout)},
        {"host-facts.sh", host_facts_script(layout)},
        {"prepare-host.sh", prepare_script(host_layout(), host_wiring())},
    };
  }
};

TEST_F(Scripts, AreGoldenCleanAndCiteTheirManuals) {
  for (const auto& [name, script] : all()) {
    check_golden(name, script);
    expect_clean_script(name, script);
    EXPECT_NE(script.find("\n# Manual pages: "), std::string::npos) << name;
    // commands are called by name (PATH), never by absolute path, so fakes can stand in
    EXPECT_EQ(script.find(" /sbin/"), std::string::npos) << name;
    EXPECT_EQ(script.find("\n/sbin/"), std::string::npos) << name;
  }
}

TEST_F(Scripts, CloneIsAZfsCloneOfAFreshSnapshotWithIdentityReset) {
  model::Jail api = jail;
  api.name = "api";
  const std::string script = create_script(instance(api, "10.17.89.12", "web"), layout, wiring);
  EXPECT_NE(script.find("SNAP=zroot/jrun/jails/web@jrun-clone-api\n"), std::string::npos);
  EXPECT_NE(script.find("zfs clone \"$SNAP\" \"$DS\""), std::string::npos);
  EXPECT_EQ(script.find("zfs send"), std::string::npos);
  EXPECT_NE(script.find("ssh_host_*"), std::string::npos);
  EXPECT_NE(script.find("yggdrasil.key"), std::string::npos);
  EXPECT_NE(script.find("monit.d/*.monitrc"), std::string::npos);
}

// RACCT (kern.racct.enable, loader.conf(5)) is checked before anything changes.
TEST_F(Scripts, LimitsAreRefusedWithoutRacctBeforeAnythingChanges) {
  const std::string create = create_script(instance(jail), layout, wiring);
  const std::size_t check = create.find("RACCT is off until this host reboots");
  ASSERT_NE(check, std::string::npos);
  EXPECT_LT(check, create.find("zfs clone"));
  EXPECT_LT(check, create.find("# a half-made jail"));
  EXPECT_NE(create.find("WITHOUT_LIMITS=0\n"), std::string::npos);
  layout.without_limits = true;
  EXPECT_NE(create_script(instance(jail), layout, wiring).find("WITHOUT_LIMITS=1\n"),
            std::string::npos);
  const std::string apply = apply_script(instance(jail), {"limits"}, layout, wiring, 10);
  EXPECT_NE(apply.find("if [ \"$racct\" = 1 ]; then\n  rctl -a"), std::string::npos) << apply;
  model::Jail free = jail;
  free.limits = {};
  EXPECT_EQ(create_script(instance(free), layout, wiring).find("RACCT"), std::string::npos);
}

// zfs-rollback(8) -r cannot destroy snapshots with clones: refused before the jail stops.
TEST_F(Scripts, RollbackChecksClonesBeforeStoppingAndRecreatesMountPoints) {
  const std::string script = snapshot_rollback_script("web", "before-upgrade", layout);
  const std::size_t refuse = script.find("are clones of newer snapshots");
  ASSERT_NE(refuse, std::string::npos);
  EXPECT_LT(refuse, script.find("jail -f \"$JC\" -r"));
  EXPECT_LT(script.find("zfs rollback"), script.find("mkdir -p \"$J$t\""));
  EXPECT_LT(script.find("mkdir -p \"$J$t\""), script.find("jail -f \"$JC\" -c"));
}

TEST_F(Scripts, ApplyWithoutExecsStillRemovesOldServices) {
  model::Jail bare = jail;
  bare.execs.clear();
  const std::string script = apply_script(instance(bare), {"execs"}, layout, wiring, 10);
  EXPECT_NE(script.find("wanted=''\n"), std::string::npos);
  EXPECT_NE(script.find("removed=\"$removed $s\""), std::string::npos);
  expect_clean_script("apply execs, none", script);
}

TEST_F(Scripts, RootPrefixesEveryHostPath) {
  layout.root = "/tmp/fake-root";
  const std::string script = create_script(instance(jail), layout, wiring);
  EXPECT_NE(script.find("R=/tmp/fake-root\n"), std::string::npos);
  EXPECT_NE(script.find("J=\"$R\"/usr/local/jrun/jails/web\n"), std::string::npos);
}

TEST_F(Scripts, HostileValuesAreQuoted) {
  model::Jail hostile = jail;
  hostile.mounts = {{"m", "/home/" + kHostile, "/srv/" + kHostile, {}}};
  hostile.execs[0].cmd = kHostile;
  hostile.execs[0].dir = "/" + kHostile;
  hostile.execs[0].env = {{"X", kHostile}};
  hostile.execs[0].healthcheck->test = kHostile;
  const std::string create = create_script(instance(hostile), layout, wiring);
  const std::string apply =
      apply_script(instance(hostile), {"mounts", "limits", "execs"}, layout, wiring, 10);
  expect_clean_script("create hostile", create);
  expect_clean_script("apply hostile", apply);
  EXPECT_NE(apply.find(shell_quote("/srv/" + kHostile)), std::string::npos);
}

TEST(FreebsdProbe, ParsesJlsJsonKeepingOnlyJrunJails) {
  auto jails = parse_jls_json(fixture("jls.json"));
  ASSERT_TRUE(jails) << jails.error().message;
  EXPECT_EQ(*jails, (std::map<std::string, int>{{"db", 4}, {"web", 3}}));
  // jls(8) quotes named parameters ("jid":"3", the fixture); a number is accepted too.
  auto numeric = parse_jls_json(R"({"jail-information": {"jail": [{"jid":7,"name":"jrun-a"}]}})");
  ASSERT_TRUE(numeric);
  EXPECT_EQ(*numeric, (std::map<std::string, int>{{"a", 7}}));
  EXPECT_FALSE(parse_jls_json("not json"));
  EXPECT_TRUE(parse_jls_json("{}")->empty());
}

TEST(FreebsdProbe, ParsesTheWholeProbe) {
  auto probe = parse_probe(fixture("probe.txt"), "zroot/jrun/jails");
  ASSERT_TRUE(probe) << probe.error().message;
  ASSERT_EQ(probe->jails.size(), 3U);
  EXPECT_TRUE(probe->jails["web"].exists);
  EXPECT_TRUE(probe->jails["web"].running);
  EXPECT_EQ(probe->jails["web"].jid, 3);
  EXPECT_EQ(probe->jails["web"].used, 1048576U);
  EXPECT_TRUE(probe->jails["api"].exists);
  EXPECT_FALSE(probe->jails["api"].running);
  EXPECT_FALSE(probe->jails["db"].exists);  // running without a dataset: drift
  EXPECT_TRUE(probe->jails["db"].running);
  ASSERT_FALSE(probe->jails["web"].services.empty());
  EXPECT_EQ(probe->jails["web"].services[0].name, "web");
  EXPECT_EQ(probe->host_facts.size(), 5U);
}

TEST(FreebsdProbe, ParsesSnapshotsOfOneJail) {
  const auto snapshots = parse_snapshots(fixture("zfs-snapshots.txt"), "zroot/jrun/jails/web");
  ASSERT_EQ(snapshots.size(), 2U);
  EXPECT_EQ(snapshots[0].name, "before-upgrade");
  EXPECT_EQ(snapshots[0].used, 1048576U);
  EXPECT_EQ(snapshots[0].created, 1764310000);
  EXPECT_EQ(snapshots[1].name, "2026-11-28_14-00-00");
}

TEST(FreebsdProbe, SnapshotNames) {
  for (const char* good : {"before-upgrade", "2026-03-19_00-38-14", "v1.2"}) {
    EXPECT_TRUE(valid_snapshot_name(good)) << good;
  }
  for (const char* bad : {"", "a b", "a;b", "$(x)", "../x", ".x", "-x", "jrun-clone-web", "a@b",
                          "a/b", "\xE2\x9C\x93"}) {
    EXPECT_FALSE(valid_snapshot_name(bad)) << bad;
  }
}

// Records scripts and answers them from a queue of results.
class ScriptedTransport final : public Transport {
 public:
  std::vector<std::string> scripts;
  std::vector<std::vector<std::string>> attached;
  std::vector<ProcessResult> answers;
  Result<ProcessResult> run_script(const std::string& script) override {
    scripts.push_back(script);
    if (answers.empty()) return ProcessResult{};
    ProcessResult r = answers.front();
    answers.erase(answers.begin());
    return r;
  }
  Result<int> run_attached(const std::vector<std::string>& argv, bool /*tty*/) override {
    attached.push_back(argv);
    return 7;
  }
  std::vector<Command> commands;
  Result<ProcessResult> run_command(const Command& command) override {
    commands.push_back(command);
    return run_script("");
  }
  std::string describe() const override { return "scripted"; }
};

TEST(FreebsdDriver, SetupCommandsRunInsideTheJailThroughJexec) {
  ScriptedTransport transport;
  transport.answers.push_back({0, "ok: [localhost]\n", "", false});
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  Command command;
  command.argv = {"env", "ANSIBLE_NOCOLOR=1", "ansible-playbook", "-c", "local", "site.yml"};
  command.stdin_data = "tar";
  auto result = driver.run_in("web", command);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->out, "ok: [localhost]\n");
  ASSERT_EQ(transport.commands.size(), 1u);
  EXPECT_EQ(transport.commands[0].argv,
            (std::vector<std::string>{"jexec", "-l", "jrun-web", "env", "ANSIBLE_NOCOLOR=1",
                                      "ansible-playbook", "-c", "local", "site.yml"}));
  EXPECT_EQ(transport.commands[0].stdin_data, "tar");
  EXPECT_FALSE(driver.run_in("../x", command));
  EXPECT_EQ(transport.commands.size(), 1u) << "a bad name reached the guest";
}

TEST(FreebsdDriver, ProbeMapsDatasetsAndJails) {
  ScriptedTransport transport;
  transport.answers.push_back({0, fixture("probe.txt"), "", false});
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  auto probe = driver.probe();
  ASSERT_TRUE(probe) << probe.error().message;
  EXPECT_TRUE(probe->jails["web"].exists && probe->jails["web"].running);
  EXPECT_TRUE(probe->jails["api"].exists && !probe->jails["api"].running);
}

// `jrun status` on FreeBSD: one round trip, the services of the asked jails from the probe.
TEST(FreebsdDriver, StatusIsOneRoundTripWithServices) {
  ScriptedTransport transport;
  transport.answers.push_back({0, fixture("probe.txt"), "", false});
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  auto status = driver.status({"web", "api"});
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(transport.scripts.size(), 1u);
  EXPECT_TRUE(status->probe.jails["web"].running);
  ASSERT_EQ(status->services.count("web"), 1u);
  EXPECT_FALSE(status->services["web"].empty());
  EXPECT_EQ(status->services.count("api"), 0u) << "api is not running";
  EXPECT_EQ(status->memory_total, 4261412864ULL);
  EXPECT_EQ(status->disk_total, 20307196ULL * 1024);
  EXPECT_EQ(status->disk_free, 13556668ULL * 1024);
}

TEST(FreebsdDriver, FailuresCarryStderrAndContext) {
  ScriptedTransport transport;
  transport.answers.push_back({1, "", "jrun: jail web did not start\n", false});
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  const model::Jail jail = example_jail();
  Status status = driver.create(instance(jail), example_wiring());
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("did not start"), std::string::npos);
}

TEST(FreebsdDriver, RejectsBadNamesBeforeAnyScript) {
  ScriptedTransport transport;
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  EXPECT_FALSE(driver.destroy("../x"));
  EXPECT_FALSE(driver.snapshot_create("web", "a;b"));
  EXPECT_FALSE(driver.snapshot_rollback("web", "jrun-clone-x"));
  EXPECT_FALSE(driver.enter("a b", {"sh"}, true));
  EXPECT_TRUE(transport.scripts.empty());
  EXPECT_TRUE(transport.attached.empty());
}

TEST(FreebsdDriver, EnterUsesJexecAndPassesTheExitCode) {
  ScriptedTransport transport;
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  auto code = driver.enter("web", {"ls", "-l", "a b"}, false);
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, 7);
  EXPECT_EQ(transport.attached.at(0),
            (std::vector<std::string>{"jexec", "-l", "jrun-web", "ls", "-l", "a b"}));
}

TEST(FreebsdDriver, ApplyUsesTheSubnetOfPrepare) {
  ScriptedTransport transport;
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  HostWiring wiring;
  wiring.subnet = "10.20.0.0/16";
  wiring.gateway = "10.20.0.1";
  ASSERT_TRUE(driver.prepare(wiring));
  const model::Jail jail = example_jail();
  ASSERT_TRUE(driver.apply(instance(jail, "10.20.1.2"), {"limits"}));
  EXPECT_NE(transport.scripts.back().find("vnet.interface = \"jrun258b\""), std::string::npos);
}

// The running kernel's RACCT, reported by prepare: off means a reboot is pending.
TEST(FreebsdDriver, RacctOffAfterPrepareIsAPendingReboot) {
  ScriptedTransport transport;
  transport.answers.push_back({0, "jrun-racct 0\n", "", false});
  transport.answers.push_back({0, "jrun-racct 1\n", "", false});
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  ASSERT_TRUE(driver.prepare(example_wiring()));
  EXPECT_NE(driver.pending_reboot().find("kern.racct.enable"), std::string::npos);
  ASSERT_TRUE(driver.prepare(example_wiring()));
  EXPECT_EQ(driver.pending_reboot(), "");
  EXPECT_NE(transport.scripts.front().find("sysctl -n kern.racct.enable"), std::string::npos);
}

// A FreeBSD host: uplink, pool and resolvers detected once, before the first script.
TEST(FreebsdDriver, AHostsLayoutIsDetectedOnce) {
  ScriptedTransport transport;
  transport.answers.push_back({0,
                               "uplink igb1\nrootds tank/ROOT/default\npool tank\npool zroot\n"
                               "dns 192.0.2.53\ndns 127.0.0.1\ndns 192.0.2.54\n",
                               "", false});
  FreeBsdLayout layout;
  layout.owns_host = false;
  layout.ext_if = layout.zpool = layout.upstream_dns = "";
  FreeBsdDriver driver(transport, layout);
  HostWiring wiring;
  ASSERT_TRUE(driver.prepare(wiring));
  ASSERT_TRUE(driver.probe());
  ASSERT_EQ(transport.scripts.size(), 3U);
  EXPECT_NE(transport.scripts[0].find("route -n get default"), std::string::npos);
  EXPECT_NE(transport.scripts[1].find("ext_if = \"igb1\""), std::string::npos);
  EXPECT_NE(transport.scripts[1].find("POOLDS=tank/jrun\n"), std::string::npos);
  EXPECT_NE(transport.scripts[1].find("forward-addr: 192.0.2.53\n    forward-addr: 192.0.2.54\n"),
            std::string::npos);
  EXPECT_EQ(driver.layout().zpool, "tank");
}

TEST(FreebsdDriver, HostFactsThatCannotBeFoundNameTheirSetting) {
  FreeBsdLayout layout;
  layout.owns_host = false;
  layout.ext_if = layout.zpool = layout.upstream_dns = "";
  auto no_route = with_host_facts(layout, "uplink \npool zroot\n");
  ASSERT_FALSE(no_route);
  EXPECT_EQ(no_route.error().code, ErrorCode::kConfig);
  EXPECT_NE(no_route.error().message.find("JRUN_FREEBSD_UPLINK"), std::string::npos);
  auto two_pools = with_host_facts(layout, "uplink em0\nrootds \npool a\npool b\n");
  ASSERT_FALSE(two_pools);
  EXPECT_NE(two_pools.error().message.find("JRUN_FREEBSD_ZPOOL"), std::string::npos);
  EXPECT_NE(two_pools.error().message.find("a, b"), std::string::npos);
  auto one_pool = with_host_facts(layout, "uplink em0\nrootds \npool data\n");
  ASSERT_TRUE(one_pool);
  EXPECT_EQ(one_pool->zpool, "data");
  EXPECT_EQ(one_pool->upstream_dns, "");  // no resolvers: local_unbound asks the roots
}

// pf.conf(5) `set skip on lo`: no rdr on a host sees 127.0.0.1; refused before any script.
TEST(FreebsdDriver, LoopbackForwardsAreRefusedOnAHost) {
  ScriptedTransport transport;
  FreeBsdDriver host(transport, host_layout());
  auto refused = host.prepare(example_wiring());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConfig);
  EXPECT_NE(refused.error().message.find("forward 'http' of jail 'web' listens on 127.0.0.1"),
            std::string::npos);
  EXPECT_TRUE(transport.scripts.empty());
  FreeBsdDriver vm(transport, FreeBsdLayout{});  // in the VM forwards arrive on its NIC
  EXPECT_TRUE(vm.prepare(example_wiring()));
}

TEST(FreebsdDriver, SnapshotsAreListedFromZfs) {
  ScriptedTransport transport;
  transport.answers.push_back({0, fixture("zfs-snapshots.txt"), "", false});
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  auto snapshots = driver.snapshots("web");
  ASSERT_TRUE(snapshots);
  EXPECT_EQ(snapshots->size(), 2U);
}

TEST(FreebsdDriver, JailHostDefaultHasNoSnapshots) {
  // The JailHost default (the linux driver's for now): a clear kNotAvailable naming the driver.
  ScriptedTransport transport;
  FreeBsdDriver driver(transport, FreeBsdLayout{});
  JailHost& host = driver;
  auto result = host.JailHost::snapshots("web");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kNotAvailable);
  EXPECT_NE(result.error().message.find("freebsd driver"), std::string::npos);
}

}  // namespace
}  // namespace jrun::host::freebsd_driver
