// Forwards on host ports something else listens on: the /proc/net parser and the judgement.
#include <gtest/gtest.h>

#include "jrun/cli/host_ports.h"
#include "jrun/sys/listening.h"

namespace jrun::cli {
namespace {

constexpr const char* kTcp =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
    "inode\n"
    "   0: 0100007F:6B6F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
    "1081 1 0000000000000000 100 0 0 10 0\n"
    "   1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
    "1082 1 0000000000000000 100 0 0 10 0\n"
    "   2: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 "
    "1083 1 0000000000000000 100 0 0 10 0\n";

constexpr const char* kTcp6 =
    "  sl  local_address                         remote_address                        st\n"
    "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A "
    "00000000:00000000 00:00000000 00000000     0        0 1 1\n"
    "   1: 00000000000000000000000001000000:0019 00000000000000000000000000000000:0000 0A "
    "00000000:00000000 00:00000000 00000000     0        0 1 1\n"
    "   2: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A "
    "00000000:00000000 00:00000000 00000000     0        0 1 1\n";

TEST(ListeningSockets, ParsesListenersOnly) {
  const auto v4 = sys::parse_proc_net(kTcp, false, false);
  ASSERT_EQ(v4.size(), 2U);  // the established connection is not a listener
  EXPECT_EQ(v4[0].address, "127.0.0.1");
  EXPECT_EQ(v4[0].port, 27503);
  EXPECT_EQ(v4[1].address, "0.0.0.0");
  EXPECT_EQ(v4[1].port, 2024);
  const auto v6 = sys::parse_proc_net(kTcp6, false, true);
  ASSERT_EQ(v6.size(), 3U);
  EXPECT_EQ(v6[0].address, "::");
  EXPECT_EQ(v6[0].port, 22);
  EXPECT_EQ(v6[1].address, "::1");
  EXPECT_EQ(v6[2].address, "127.0.0.1");
  EXPECT_EQ(v6[2].port, 80);
  // UDP: bound and unconnected is state 07.
  const auto udp = sys::parse_proc_net(
      "  sl\n   0: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 1\n",
      true, false);
  ASSERT_EQ(udp.size(), 1U);
  EXPECT_TRUE(udp[0].udp);
  EXPECT_EQ(udp[0].port, 53);
  EXPECT_TRUE(sys::parse_proc_net("garbage\n   0: zz:qq 0 0A\n", false, false).empty());
}

model::Config config_with(std::uint16_t port, const std::string& bind = "127.0.0.1") {
  model::Config config;
  model::Jail jail;
  jail.name = "web";
  model::Forward forward;
  forward.name = "http";
  forward.host = port;
  forward.jail = 8080;
  forward.bind = bind;
  forward.host_loc = {0, 3, 27};
  jail.forwards.push_back(forward);
  config.jails.push_back(jail);
  return config;
}

TEST(HostPorts, AForwardOnABusyPortIsAProblemUnlessItIsOurs) {
  const std::vector<sys::ListeningSocket> sockets = {
      {false, "127.0.0.1", 27500}, {false, "0.0.0.0", 22}, {true, "0.0.0.0", 53},
      {false, "10.0.0.5", 8000},   {false, "::1", 9000},   {false, "::", 9001}};
  const state::State none;
  auto problems = forwards_on_taken_ports(config_with(27500), none, sockets);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].field, "jail.web.forward.http.host");
  EXPECT_EQ(problems[0].loc.line, 3U);
  EXPECT_NE(problems[0].message.find("tcp/27500 is in use on this host"), std::string::npos);
  EXPECT_EQ(forwards_on_taken_ports(config_with(22), none, sockets).size(), 1U);  // wildcard
  EXPECT_EQ(forwards_on_taken_ports(config_with(9001), none, sockets).size(), 1U);
  EXPECT_TRUE(forwards_on_taken_ports(config_with(53), none, sockets).empty());  // udp only
  EXPECT_TRUE(forwards_on_taken_ports(config_with(8000), none, sockets).empty());
  EXPECT_EQ(forwards_on_taken_ports(config_with(8000, "0.0.0.0"), none, sockets).size(), 1U);
  EXPECT_TRUE(forwards_on_taken_ports(config_with(9000), none, sockets).empty());
  EXPECT_TRUE(forwards_on_taken_ports(config_with(18000), none, sockets).empty());
  // A forward the state records is jrun's own (the vm provider's QEMU listens on it).
  state::State ours;
  ours.jails["web"].spec["forwards"]["http"] = {{"proto", "tcp"}, {"host", 27500}};
  EXPECT_TRUE(forwards_on_taken_ports(config_with(27500), ours, sockets).empty());
}

}  // namespace
}  // namespace jrun::cli
