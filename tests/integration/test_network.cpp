// The linux driver's generated network, for real (root): a bridge, two jail net namespaces,
// the nft table, a python http.server and a UDP echo server in a jail. Uses its own bridge,
// subnet, table and netns prefix so it never touches a real jrun network; cleans up after
// itself (and before, after a crashed run). Every wait is bounded.

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "jrun/host/linux/network.h"
#include "unit/host/test_network_support.h"

namespace jrun::host::linux_driver {
namespace {

using testing::Output;
using testing::run_shell;

constexpr const char* kA = "10.231.9.10";
constexpr const char* kB = "10.231.9.11";

class NetworkIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root";
    layout_.data_dir = dir_.path();
    layout_.bridge = "jrtn0";
    layout_.nft_table = "jrun-it";
    layout_.netns_prefix = "jrtn-";
    wiring_.subnet = "10.231.9.0/24";
    wiring_.gateway = "10.231.9.1";
    wiring_.jails = {{"a", kA}, {"b", kB}};
    wiring_.forwards = {{"a", "http", model::Proto::kTcp, "127.0.0.1", 18089, kA, 8000},
                        {"a", "echo", model::Proto::kUdp, "127.0.0.1", 18090, kA, 9000}};
    ip_forward_ = run_shell("cat /proc/sys/net/ipv4/ip_forward").text;
    clean();
  }

  void TearDown() override {
    if (geteuid() != 0) return;
    clean();
    if (!ip_forward_.empty()) {
      run_shell("printf '%s' " + shell_quote(ip_forward_) + " >/proc/sys/net/ipv4/ip_forward");
    }
  }

  void clean() {
    run_shell("for p in " + dir_.path() +
              "/*.pid; do [ -s \"$p\" ] && kill -9 \"$(cat \"$p\")\"; done");
    sh(network_jail_down_script("a", layout_));
    sh(network_jail_down_script("b", layout_));
    sh(network_teardown_script(layout_));
  }

  // Runs a generated script with sh; returns its output and status.
  Output sh(const std::string& script) {
    const std::string path = dir_.path() + "/script.sh";
    testing::write_file(path, script, 0700);
    return run_shell("sh " + path);
  }

  Output in_jail(const std::string& jail, const std::string& command) {
    return run_shell("ip netns exec " + netns_name(jail, layout_) + " " + command);
  }

  // Starts `command` in jail `jail` in the background; its pid lands in <dir>/<name>.pid.
  void spawn(const std::string& jail, const std::string& name, const std::string& command) {
    const std::string pidfile = dir_.path() + "/" + name + ".pid";
    const std::string inner =
        "echo $$ >" + pidfile + "; exec ip netns exec " + netns_name(jail, layout_) + " " + command;
    run_shell("setsid -f sh -c " + shell_quote(inner) + " >/dev/null 2>&1 </dev/null");
  }

  void bring_up() {
    for (int round = 0; round < 2; ++round) {  // twice: every script is idempotent
      Output prepare = sh(network_prepare_script(wiring_, layout_));
      ASSERT_EQ(prepare.status, 0) << prepare.text;
      for (const auto& jail : wiring_.jails) {
        Output up = sh(network_jail_up_script(jail.name, jail.ip, wiring_, layout_));
        ASSERT_EQ(up.status, 0) << up.text;
      }
    }
  }

  void start_servers() {
    testing::write_file(dir_.path() + "/www/index.html", "hello from a\n", 0644);
    spawn("a", "http",
          "/usr/bin/python3 -m http.server 8000 --bind " + std::string(kA) + " --directory " +
              dir_.path() + "/www");
    spawn("a", "udp",
          "/usr/bin/python3 -c " +
              shell_quote("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                          "s.bind(('" +
                          std::string(kA) +
                          "', 9000))\nwhile True:\n"
                          "    d, a = s.recvfrom(100)\n    s.sendto(b'pong:' + d, a)\n"));
    const std::string probe = "curl -sS --max-time 1 http://" + std::string(kA) + ":8000/";
    for (int i = 0; i < 50 && run_shell(probe).status != 0; ++i) usleep(100000);
  }

  // Serves a page on the host's 127.0.0.1:18092 and fetches it from jail b through a route to
  // the gateway; returns what b got.
  std::string jail_to_host_loopback() {
    testing::write_file(dir_.path() + "/host/index.html", "hello from the host\n", 0644);
    const std::string pidfile = dir_.path() + "/host.pid";
    run_shell("setsid -f sh -c " +
              shell_quote("echo $$ >" + pidfile +
                          "; exec /usr/bin/python3 -m http.server 18092 --bind 127.0.0.1 "
                          "--directory " +
                          dir_.path() + "/host") +
              " >/dev/null 2>&1 </dev/null");
    for (int i = 0; i < 50 && run_shell("curl -s --max-time 1 http://127.0.0.1:18092/").status;
         ++i) {
      usleep(100000);
    }
    const std::string setup =
        "set -e; for c in all eth0; do echo 1 >/proc/sys/net/ipv4/conf/$c/route_localnet; done; "
        "ip rule add pref 100 lookup local; ip rule del pref 0; "
        "ip route add 127.0.0.1/32 via 10.231.9.1 dev eth0 src 10.231.9.11 table 100; "
        "ip rule add pref 10 to 127.0.0.1 lookup 100";
    EXPECT_EQ(in_jail("b", "sh -c " + shell_quote(setup)).status, 0);
    return in_jail("b", "curl -s --max-time 3 http://127.0.0.1:18092/index.html").text;
  }

  testing::TempDir dir_;
  LinuxLayout layout_;
  HostWiring wiring_;
  std::string ip_forward_;
};

std::string udp_ask(const std::string& host, int port) {
  const std::string code =
      "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.settimeout(3)\n"
      "s.sendto(b'ping', ('" +
      host + "', " + std::to_string(port) +
      "))\n"
      "print(s.recvfrom(100)[0].decode())\n";
  return run_shell("/usr/bin/python3 -c " + shell_quote(code)).text;
}

TEST_F(NetworkIntegration, ForwardsNatAndJailToJail) {
  bring_up();
  start_servers();
  // tcp and udp forwards from the host's loopback
  Output page = run_shell("curl -sS --max-time 5 http://127.0.0.1:18089/index.html");
  EXPECT_EQ(page.status, 0) << page.text;
  EXPECT_EQ(page.text, "hello from a\n");
  EXPECT_EQ(udp_ask("127.0.0.1", 18090), "pong:ping\n");
  // not on a non-loopback address: neither the bridge address from a jail (prerouting) nor the
  // host's own addresses from the host
  EXPECT_NE(in_jail("b", "curl -sS --max-time 3 http://10.231.9.1:18089/").status, 0);
  const Output addresses =
      run_shell("ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1");
  for (const std::string& address : split(addresses.text, '\n')) {
    if (address.empty()) continue;
    EXPECT_NE(run_shell("curl -sS --max-time 3 http://" + address + ":18089/").status, 0)
        << address;
  }
  // jail to jail over the bridge
  Output across = in_jail("b", "curl -sS --max-time 5 http://" + std::string(kA) + ":8000/");
  EXPECT_EQ(across.text, "hello from a\n");
  // a jail that routes 127.0.0.1 to the gateway still cannot reach the host's loopback
  // services, although route_localnet is on for the bridge (the nft guard chain)
  EXPECT_NE(jail_to_host_loopback(), "hello from the host\n");
  // outbound NAT is in place
  const Output table = run_shell("nft list table inet jrun-it");
  EXPECT_NE(table.text.find("ip saddr 10.231.9.0/24 oifname != \"jrtn0\" masquerade"),
            std::string::npos)
      << table.text;
}

TEST_F(NetworkIntegration, ChangingForwardsReplacesTheTable) {
  bring_up();
  start_servers();
  wiring_.forwards[0].host_port = 18091;
  ASSERT_EQ(sh(network_prepare_script(wiring_, layout_)).status, 0);
  EXPECT_EQ(run_shell("curl -sS --max-time 5 http://127.0.0.1:18091/index.html").text,
            "hello from a\n");
  EXPECT_NE(run_shell("curl -sS --max-time 3 http://127.0.0.1:18089/").status, 0);
  const Output rules = run_shell("nft list table inet jrun-it | grep -c dnat");
  EXPECT_EQ(rules.text, "2\n");
}

TEST_F(NetworkIntegration, TeardownLeavesNothing) {
  bring_up();
  clean();
  EXPECT_EQ(run_shell("ip netns list | grep -c jrtn-").text, "0\n");
  EXPECT_NE(run_shell("ip link show dev jrtn0").status, 0);
  EXPECT_NE(run_shell("ip link show dev " + veth_name("a", layout_)).status, 0);
  EXPECT_NE(run_shell("nft list table inet jrun-it").status, 0);
}

}  // namespace
}  // namespace jrun::host::linux_driver
