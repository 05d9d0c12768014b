#pragma once
// The text files the freebsd driver writes on the jail host, as values. Pure; golden-tested and
// checked against the grammar of their manual page (pf.conf(5), jail.conf(5), unbound.conf(5),
// devfs.rules(5), fstab(5)).

#include <string>
#include <utility>
#include <vector>

#include "jrun/host/freebsd/layout.h"
#include "jrun/host/jail_host.h"

namespace jrun::host::freebsd_driver {

/// /etc/pf.conf: NAT of the jail subnet on ext_if, the rdr anchor jrun/forwards (loaded from
/// kPfAnchorFile), default block in, ssh and layout.open_ports pass in on ext_if, the bridge
/// passes. Forwards use `rdr pass`, so they pass the filter (unlike the reference, bug 15).
std::string pf_conf(const FreeBsdLayout& layout, const HostWiring& wiring);
/// The rdr rules of every forward of `wiring` (tcp and udp), from the full desired state.
std::string pf_forwards(const FreeBsdLayout& layout, const HostWiring& wiring);
inline constexpr const char* kPfAnchor = "jrun/forwards";
inline constexpr const char* kPfAnchorFile = "/etc/pf.anchors/jrun-forwards.conf";

/// /var/unbound/unbound.conf for local_unbound: listens on loopback and the gateway, serves the
/// jail subnet, includes /var/unbound/conf.d/*.conf (jrun.conf here; the mesh's peer records
/// in their own file, which this driver never writes: reference bug 2), forwards the rest to
/// layout.upstream_dns.
std::string unbound_conf(const FreeBsdLayout& layout, const HostWiring& wiring);
/// /var/unbound/conf.d/jrun.conf: `<name>.local.jrun. IN A <ip>` for every jail of `wiring`.
std::string unbound_records(const HostWiring& wiring);
inline constexpr const char* kUnboundConf = "/var/unbound/unbound.conf";
inline constexpr const char* kUnboundRecords = "/var/unbound/conf.d/jrun.conf";

/// The managed block of /etc/devfs.rules: ruleset layout.devfs_ruleset for VNET jails (tun*
/// visible for the mesh).
std::string devfs_rules_block(const FreeBsdLayout& layout);
/// /usr/local/etc/pkg/repos/FreeBSD.conf (reference §5.1).
std::string pkg_repos_conf();

/// The jail's FreeBSD name (jail(8) `name`): "jrun-<name>". The prefix keeps jrun's jails apart
/// from others on the host and never numeric (a numeric name would read as a jid).
std::string jail_id(const std::string& name);
/// The epair(4) unit of a jail: the host part of its address (unique per subnet).
std::string epair_unit(const std::string& ip, const std::string& subnet);
/// The name of end `end` ('a' on the bridge, 'b' in the jail) of a jail's epair(4) once jrun
/// has renamed it: "jrun<unit><end>" (at most 15 characters, IFNAMSIZ).
std::string epair_name(const std::string& unit, char end);

/// rctl(8) rules of `limits` (without the subject): pcpu, memoryuse, maxproc, all `deny`.
std::vector<std::string> rctl_rules(const model::Limits& limits);

/// <jail dir>/jail.conf: VNET with an epair on the bridge, devfs ruleset, fstab of the jail's
/// mounts, persist, rctl limits applied at creation (exec.created) and removed at stop.
std::string jail_conf(const JailInstance& jail, const FreeBsdLayout& layout,
                      const HostWiring& wiring);
/// <jail dir>/fstab: one nullfs line per mount (fields escaped as fstab(5) allows).
std::string jail_fstab(const JailInstance& jail, const FreeBsdLayout& layout);
/// Source directory of a mount on the jail host (the p9fs share in a VM, else the host path).
std::string mount_source(const std::string& jail, const model::Mount& mount,
                         const FreeBsdLayout& layout);
/// sysrc(8) settings of the jail's /etc/rc.conf (name, value), in order.
std::vector<std::pair<std::string, std::string>> jail_rc_settings(const JailInstance& jail,
                                                                  const FreeBsdLayout& layout,
                                                                  const HostWiring& wiring);
/// The jail's /etc/resolv.conf: the gateway's local_unbound, search local.jrun.
std::string jail_resolv_conf(const HostWiring& wiring);

}  // namespace jrun::host::freebsd_driver
