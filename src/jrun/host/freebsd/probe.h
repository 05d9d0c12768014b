#pragma once
// Pure parsers of the freebsd driver's probe output, in the documented formats of jls(8) with
// libxo(3) JSON, `zfs list -H -p` (zfs-list(8): tab-separated, exact numbers) and monit status.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/host/freebsd/layout.h"
#include "jrun/host/jail_host.h"

namespace jrun::host::freebsd_driver {

struct ProbedJail {
  bool exists = false;   ///< dataset present
  bool running = false;  ///< in jls
  int jid = 0;
  std::uint64_t used = 0;  ///< bytes (zfs used)
  std::vector<ServiceStatus> services;
};

struct FreeBsdProbe {
  std::map<std::string, ProbedJail> jails;  ///< by jrun name
  std::vector<std::string> host_facts;      ///< sysctl/df lines as printed
};

/// Parses probe_script's output. Malformed jls JSON is an error (kRuntime); unknown lines and
/// jails without the "jrun-" prefix are ignored.
Result<FreeBsdProbe> parse_probe(std::string_view out, const std::string& jails_dataset);

/// Running jrun jails from `jls --libxo json jid name path` output: name → jid.
Result<std::map<std::string, int>> parse_jls_json(std::string_view json);

/// `layout` with its empty ext_if, zpool and upstream_dns filled from host_facts_script's
/// output `facts`: the default route's interface; the pool of / (else the only pool); the
/// non-loopback resolvers. A missing uplink or pool is a kConfig error naming the setting.
Result<FreeBsdLayout> with_host_facts(FreeBsdLayout layout, std::string_view facts);

/// Snapshots of one jail from `zfs list -H -p -t snapshot -o name,used,creation -r DS`:
/// snapshots of DS itself (children folded in by name), jrun's own (jrun-*) left out.
std::vector<Snapshot> parse_snapshots(std::string_view out, const std::string& dataset);

}  // namespace jrun::host::freebsd_driver
