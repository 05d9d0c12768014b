#pragma once
// The freebsd driver's operations as script values: one POSIX sh script per operation, run as
// root on the FreeBSD jail host through a Transport in one round trip. Pure; golden-tested
// (tests/golden/freebsd/), `sh -n` and shellcheck clean. Every value enters through
// shell_quote; host commands are called by name (PATH), every host path is under "$R".

#include <string>
#include <string_view>
#include <vector>

#include "jrun/host/freebsd/layout.h"
#include "jrun/host/jail_host.h"

namespace jrun::host::freebsd_driver {

/// Bootstrap (once, until it has finished: a marker written last makes a failed bootstrap run
/// again, reference bug 10): pkg repositories, loader/rc tunables (racct for rctl), kernel
/// modules, pf.conf, bridge, forwarding, ZFS datasets, the default release (MANIFEST sha256
/// checked, monit installed with pkg -r, snapshot @base), devfs ruleset, /etc/jail.conf.d,
/// local_unbound. Then, every time, the wiring from the full desired state: the pf rdr anchor
/// and the unbound records, reloaded only when they changed.
std::string prepare_script(const FreeBsdLayout& layout, const HostWiring& wiring);

/// The record name of a mount (a file in the jail's mounts.d): changes when its source or
/// target changes, so a moved source is remounted.
std::string mount_key(const std::string& source, const std::string& target);

/// Cleans up a half-made jail of the same name, ensures its release, clones the release's @base
/// (or a fresh snapshot of the base jail: instant, space-sharing) with the identity reset in a
/// clone, writes rc.conf, resolv.conf, jail.conf, a bare monitrc, starts the jail, applies its
/// limits and mounts. No services yet.
std::string create_script(const JailInstance& jail, const FreeBsdLayout& layout,
                          const HostWiring& wiring);

/// Converges "mounts" (live nullfs, fstab for the next start), "limits" (rctl now, jail.conf for
/// the next start) and "execs" (monit) of a running jail. Fails when the jail is not running.
std::string apply_script(const JailInstance& jail, const std::vector<std::string>& sections,
                         const FreeBsdLayout& layout, const HostWiring& wiring, double monit_cycle);

/// Stops the jail, unmounts its mounts, removes its rctl rules, hands its snapshots to jails
/// cloned from it (zfs promote), destroys its dataset and its config. A missing jail is fine.
std::string destroy_script(const std::string& name, const FreeBsdLayout& layout);

/// Destroys the listed jails, flushes the forwards anchor and empties the names.
std::string purge_script(const std::vector<std::string>& names, const FreeBsdLayout& layout);

/// Facts of a FreeBSD host (lines "uplink IF", "rootds DATASET", "pool NAME", "dns ADDRESS"):
/// the default route's interface, the dataset of /, the pools, /etc/resolv.conf's resolvers.
std::string host_facts_script(const FreeBsdLayout& layout);

/// `--- <section>` blocks: jls (libxo JSON), zfs list of the jail datasets, host facts, and
/// `monit status` of each running jrun jail.
std::string probe_script(const FreeBsdLayout& layout);

/// `monit status` of one jail (fails when it is not running).
std::string services_script(const std::string& name, const FreeBsdLayout& layout);

/// argv (on the jail host) running `argv` inside the jail: jexec -l (jexec(8)).
std::vector<std::string> enter_argv(const std::string& name, const std::vector<std::string>& argv);
/// argv (on the jail host) printing / following service logs of a jail as `query` asks; reads
/// the jail's log directory from the host side, so a stopped jail's logs print too.
std::vector<std::string> logs_argv(const std::string& name, const LogsQuery& query,
                                   const FreeBsdLayout& layout);

/// Snapshot scripts; names must pass host::valid_snapshot_name (they are quoted anyway).
std::string snapshot_create_script(const std::string& name, const std::string& snapshot,
                                   const FreeBsdLayout& layout);
std::string snapshot_list_script(const std::string& name, const FreeBsdLayout& layout);
/// Stops the jail, rolls back (destroying newer snapshots), starts it again (rc starts monit).
std::string snapshot_rollback_script(const std::string& name, const std::string& snapshot,
                                     const FreeBsdLayout& layout);
std::string snapshot_delete_script(const std::string& name, const std::string& snapshot,
                                   const FreeBsdLayout& layout);

}  // namespace jrun::host::freebsd_driver
