#pragma once
// The linux driver's network, as generated text: shell scripts for the host bridge, the nftables
// table (outbound NAT and port forwards) and each jail's veth + net namespace, plus the jail's
// /etc/hosts and /etc/resolv.conf. Pure: nothing here runs anything; the runtime runs the scripts
// as root on the jail host (any POSIX sh, `set -eu`, idempotent).
//
// Values enter shell text only through shell_quote, nft text only after re-parsing (addresses,
// ports) or checking (names). Inputs are validated by the model; a value that would not survive
// that validation here (bad address, name outside [a-z0-9-]) is a bug: std::invalid_argument.

#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/host/linux/layout.h"

namespace jrun::host::linux_driver {

/// The persistent net namespace of a jail: `<layout.netns_prefix><jail>` (/run/netns/<that>).
std::string netns_name(const std::string& jail, const LinuxLayout& layout);
/// netns_name with the default layout ("jrun-<jail>").
std::string netns_name(const std::string& jail);

/// Host side of a jail's veth pair: "jv" + 8 hex digits of sha256(bridge "/" jail), 10 chars,
/// within the kernel's 15, for any valid jail name. The bridge takes part so that two layouts
/// (a test's and the user's) never share a device name.
std::string veth_name(const std::string& jail, const LinuxLayout& layout);
/// veth_name with the default layout.
std::string veth_name(const std::string& jail);
/// The peer's name while it is still on the host side ("jp" + the same digits); inside the
/// namespace it is renamed to eth0.
std::string veth_peer_name(const std::string& jail, const LinuxLayout& layout);

/// The MAC address of the interface that holds `ipv4` on the bridge (a jail's eth0, the bridge
/// itself for the gateway): "02:6a:" + the address's four bytes in hex, locally administered
/// and unicast. A jail made again (recreate, rollback) keeps its MAC, so the other jails' ARP
/// entries stay right (a new random MAC left them unreachable for ~40 s); the bridge keeps its
/// own when ports come and go. Throws std::invalid_argument for anything but a dotted IPv4.
std::string stable_mac(const std::string& ipv4);

/// The complete nftables ruleset of the driver, for `nft -f`: creates the table (inet,
/// layout.nft_table) if missing, deletes it and defines it again — one atomic transaction, so
/// the table always equals this text. Holds: outbound masquerade of the subnet, each forward as
/// DNAT in the output hook (local connections) and, for a non-loopback bind, in prerouting;
/// masquerade of loopback-sourced traffic into the bridge (replies come back); a raw-priority
/// guard dropping loopback-addressed packets that arrive from the bridge (route_localnet must
/// not let a jail reach the host's 127.0.0.1 services).
std::string nft_ruleset(const HostWiring& wiring, const LinuxLayout& layout);

/// Host preparation, idempotent: bridge with the gateway address (other addresses removed) and
/// stable_mac(gateway), up;
/// ip_forward=1; route_localnet=1 on the bridge only; nft_ruleset applied; when iptables has a
/// FORWARD policy of DROP (docker), ACCEPT rules for the bridge are inserted once.
std::string network_prepare_script(const HostWiring& wiring, const LinuxLayout& layout);

/// One jail's network, idempotent: netns created if missing, veth pair (host side on the
/// bridge, up), peer moved into the netns as eth0 with `ip`/<subnet prefix> (other addresses
/// removed) and stable_mac(ip), lo and eth0 up, default route via the gateway.
std::string network_jail_up_script(const std::string& jail, const std::string& ip,
                                   const HostWiring& wiring, const LinuxLayout& layout);

/// Removes a jail's veth pair and netns; anything already missing is fine.
std::string network_jail_down_script(const std::string& jail, const LinuxLayout& layout);

/// Removes the bridge, the nft table and the iptables ACCEPT rules prepare may have added.
/// ip_forward is left as it is (other software may rely on it).
std::string network_teardown_script(const LinuxLayout& layout);

/// A jail's /etc/hosts: localhost, the jail's own address and name (so a reverse lookup of the
/// address a service binds to never waits on DNS), then every jail of the host as
/// `<ip> <name> <name>.local.jrun`.
std::string hosts_file(const std::string& jail, const HostWiring& wiring);

/// A jail's /etc/resolv.conf: the host's non-loopback nameservers (a loopback resolver such as
/// systemd-resolved's 127.0.0.53 is unreachable from a jail), `search local.jrun`,
/// `options timeout:1 attempts:2`.
std::string resolv_conf(const std::vector<std::string>& host_nameservers);

/// The `nameserver` addresses of a resolv.conf text, in order.
std::vector<std::string> parse_nameservers(std::string_view resolv_conf_text);

/// A jail's /etc/nsswitch.conf: hosts from files first, then dns.
std::string nsswitch_conf();

}  // namespace jrun::host::linux_driver
