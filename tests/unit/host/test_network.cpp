// The linux driver's network generators: names, scripts (golden, sh -n, shellcheck), the nft
// ruleset (golden, `nft -c` as root), /etc/hosts and resolv.conf.

#include <gtest/gtest.h>
#include <unistd.h>

#include <stdexcept>

#include "jrun/host/linux/network.h"
#include "test_network_support.h"

namespace jrun::host::linux_driver {
namespace {

using testing::check_golden;
using testing::expect_clean_script;
using testing::run_shell;

HostWiring example_wiring() {
  HostWiring wiring;
  wiring.jails = {{"db", "10.17.89.11"}, {"web", "10.17.89.10"}};
  wiring.forwards = {
      {"web", "http", model::Proto::kTcp, "127.0.0.1", 8080, "10.17.89.10", 80},
      {"web", "public", model::Proto::kTcp, "0.0.0.0", 8443, "10.17.89.10", 443},
      {"db", "lan", model::Proto::kTcp, "192.168.7.2", 5432, "10.17.89.11", 5432},
      {"db", "stats", model::Proto::kUdp, "127.0.0.1", 8125, "10.17.89.11", 8125},
  };
  return wiring;
}

LinuxLayout example_layout() {
  LinuxLayout layout;
  layout.data_dir = "/var/lib/jrun/linux";
  return layout;
}

TEST(NetworkNames, NetnsIsPrefixAndName) {
  EXPECT_EQ(netns_name("web"), "jrun-web");
  LinuxLayout layout;
  layout.netns_prefix = "jrtn-";
  EXPECT_EQ(netns_name("web", layout), "jrtn-web");
}

TEST(NetworkNames, VethFitsTheKernelLimitForAnyValidName) {
  const std::string longest(63, 'a');
  for (const std::string& name : {std::string("a"), longest, std::string("web-1")}) {
    EXPECT_LE(veth_name(name).size(), 15U) << name;
    EXPECT_LE(veth_peer_name(name, LinuxLayout{}).size(), 15U) << name;
    EXPECT_EQ(veth_name(name).substr(0, 2), "jv");
  }
  EXPECT_EQ(veth_name("web"), veth_name("web", LinuxLayout{}));
  EXPECT_NE(veth_name("web"), veth_name("db"));
  EXPECT_EQ(veth_name("web").substr(2), veth_peer_name("web", LinuxLayout{}).substr(2));
}

TEST(NetworkNames, BridgeSeparatesLayouts) {
  LinuxLayout test_layout;
  test_layout.bridge = "jrtn0";
  EXPECT_NE(veth_name("web", test_layout), veth_name("web"));
}

TEST(NetworkNames, InvalidNamesAreBugs) {
  for (const std::string& bad :
       std::vector<std::string>{"", "a;b", "Web", "-x", "a b", "a/../b", std::string(64, 'a')}) {
    EXPECT_THROW(veth_name(bad), std::invalid_argument) << bad;
    EXPECT_THROW(netns_name(bad), std::invalid_argument) << bad;
  }
}

TEST(NetworkScripts, Golden) {
  const HostWiring wiring = example_wiring();
  const LinuxLayout layout = example_layout();
  check_golden("net-prepare.sh", network_prepare_script(wiring, layout));
  check_golden("net-ruleset.nft", nft_ruleset(wiring, layout));
  check_golden("net-jail-up.sh", network_jail_up_script("web", "10.17.89.10", wiring, layout));
  check_golden("net-jail-down.sh", network_jail_down_script("web", layout));
  check_golden("net-teardown.sh", network_teardown_script(layout));
  check_golden("net-web.hosts", hosts_file("web", wiring));
  check_golden("net-resolv.conf", resolv_conf({"127.0.0.53", "10.255.255.53", "::1", "1.1.1.1"}));
}

TEST(NetworkScripts, ShellClean) {
  const HostWiring wiring = example_wiring();
  const LinuxLayout layout = example_layout();
  expect_clean_script("prepare", network_prepare_script(wiring, layout));
  expect_clean_script("prepare without forwards", network_prepare_script(HostWiring{}, layout));
  expect_clean_script("jail up", network_jail_up_script("web", "10.17.89.10", wiring, layout));
  expect_clean_script("jail down", network_jail_down_script("web", layout));
  expect_clean_script("teardown", network_teardown_script(layout));
}

TEST(NetworkScripts, HostileValuesAreRejectedNotInterpreted) {
  HostWiring wiring = example_wiring();
  const LinuxLayout layout = example_layout();
  EXPECT_THROW(network_jail_up_script("web", "10.17.89.10; reboot", wiring, layout),
               std::invalid_argument);
  EXPECT_THROW(network_jail_up_script("$(reboot)", "10.17.89.10", wiring, layout),
               std::invalid_argument);
  wiring.forwards[0].bind = "127.0.0.1\"; flush ruleset; \"";
  EXPECT_THROW(nft_ruleset(wiring, layout), std::invalid_argument);
  wiring = example_wiring();
  wiring.subnet = "10.17.89.0/24 ; x";
  EXPECT_THROW(network_prepare_script(wiring, layout), std::invalid_argument);
  LinuxLayout bad = layout;
  bad.bridge = "br0`id`";
  EXPECT_THROW(network_teardown_script(bad), std::invalid_argument);
}

TEST(NetworkRuleset, LoopbackForwardsOnlyInOutputHook) {
  const std::string nft = nft_ruleset(example_wiring(), example_layout());
  const std::size_t prerouting = nft.find("chain prerouting");
  const std::size_t output = nft.find("chain output");
  ASSERT_NE(prerouting, std::string::npos);
  ASSERT_NE(output, std::string::npos);
  const std::string pre = nft.substr(prerouting, output - prerouting);
  EXPECT_EQ(pre.find("dport 8080"), std::string::npos);
  EXPECT_EQ(pre.find("dport 8125"), std::string::npos);
  EXPECT_NE(pre.find("fib daddr type local tcp dport 8443"), std::string::npos);
  EXPECT_NE(pre.find("ip daddr 192.168.7.2 tcp dport 5432"), std::string::npos);
  EXPECT_NE(nft.find("ip daddr 127.0.0.1 udp dport 8125 dnat ip to 10.17.89.11:8125"),
            std::string::npos);
}

TEST(NetworkRuleset, ReplacesTheWholeTableInOneTransaction) {
  const std::string nft = nft_ruleset(HostWiring{}, example_layout());
  EXPECT_EQ(nft.find("table inet jrun\ndelete table inet jrun\ntable inet jrun {"),
            nft.find("table inet jrun"));
  EXPECT_NE(nft.find("ip saddr 10.17.89.0/24 oifname != \"jrun0\" masquerade"), std::string::npos);
}

TEST(NetworkRuleset, AcceptedByNftInCheckMode) {
  if (geteuid() != 0 || !testing::have("nft")) GTEST_SKIP() << "needs root and nft";
  testing::TempDir dir;
  LinuxLayout layout = example_layout();
  layout.nft_table = "jrun-unit-check";
  const std::string path = dir.path() + "/ruleset.nft";
  testing::write_file(path, nft_ruleset(example_wiring(), layout), 0600);
  const testing::Output check = run_shell("nft -c -f " + path);
  EXPECT_EQ(check.status, 0) << check.text;
  testing::write_file(path, nft_ruleset(HostWiring{}, layout), 0600);
  EXPECT_EQ(run_shell("nft -c -f " + path).status, 0);
}

TEST(NetworkNamesFiles, HostsListsSelfFirstThenEveryJail) {
  const std::string hosts = hosts_file("web", example_wiring());
  EXPECT_NE(hosts.find("127.0.0.1\tlocalhost\n"), std::string::npos);
  const std::size_t self = hosts.find("10.17.89.10\tweb web.local.jrun\n");
  const std::size_t other = hosts.find("10.17.89.11\tdb db.local.jrun\n");
  ASSERT_NE(self, std::string::npos);
  ASSERT_NE(other, std::string::npos);
  EXPECT_LT(self, other);
  EXPECT_EQ(hosts.find("web.local.jrun", self + 20), std::string::npos) << "self listed once";
}

TEST(NetworkNamesFiles, ResolvConfDropsLoopbackAndKeepsThree) {
  const std::string conf = resolv_conf({"127.0.0.53", "::1", "fe80::1%eth0", "10.0.0.1", "10.0.0.2",
                                        "10.0.0.3", "10.0.0.4", "0.0.0.0", "bogus;rm"});
  EXPECT_EQ(conf,
            "# generated by jrun\nnameserver 10.0.0.1\nnameserver 10.0.0.2\n"
            "nameserver 10.0.0.3\nsearch local.jrun\noptions timeout:1 attempts:2\n");
  EXPECT_EQ(resolv_conf({}),
            "# generated by jrun\nsearch local.jrun\noptions timeout:1 attempts:2\n");
}

TEST(NetworkNamesFiles, ParsesNameservers) {
  EXPECT_EQ(parse_nameservers("# x\nnameserver 1.1.1.1\n  nameserver\t10.0.0.1 # c\n"
                              "nameserverx 9.9.9.9\nnameserver\nsearch a\nnameserver ::1\n"),
            (std::vector<std::string>{"1.1.1.1", "10.0.0.1", "::1"}));
}

TEST(NetworkNamesFiles, NsswitchUsesFilesThenDns) {
  EXPECT_NE(nsswitch_conf().find("hosts:          files dns\n"), std::string::npos);
}

TEST(Network, StableMacFromTheAddress) {
  EXPECT_EQ(stable_mac("10.17.89.10"), "02:6a:0a:11:59:0a");
  EXPECT_EQ(stable_mac("255.0.1.254"), "02:6a:ff:00:01:fe");
  EXPECT_NE(stable_mac("10.17.89.10"), stable_mac("10.17.89.11"));
  EXPECT_THROW(stable_mac("10.17.89"), std::invalid_argument);
  EXPECT_THROW(stable_mac("x; reboot"), std::invalid_argument);
  // The jail's eth0 and the bridge get theirs in the scripts.
  HostWiring wiring;
  EXPECT_NE(network_jail_up_script("web", "10.17.89.10", wiring, LinuxLayout{})
                .find("mac=02:6a:0a:11:59:0a\n"),
            std::string::npos);
  EXPECT_NE(network_prepare_script(wiring, LinuxLayout{}).find("mac=02:6a:0a:11:59:01\n"),
            std::string::npos);
}

}  // namespace
}  // namespace jrun::host::linux_driver
