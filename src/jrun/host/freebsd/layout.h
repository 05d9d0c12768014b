#pragma once
// Where the freebsd driver keeps things on a FreeBSD jail host (the VM guest, or this machine on
// a FreeBSD host), and the names of host-wide objects. A value: the CLI builds it from settings.

#include <cstdint>
#include <string>
#include <vector>

#include "jrun/base/result.h"

namespace jrun::host::freebsd_driver {

struct FreeBsdLayout {
  /// Prefix of every host path the scripts touch ("" on a real host). Tests and `jrun plan`
  /// against a mounted image set it; commands are still called by name (PATH).
  std::string root;
  std::string zpool = "zroot";               ///< "" = detect (FreeBSD host)
  std::string dataset = "jrun";              ///< <zpool>/<dataset>: everything jrun makes
  std::string base_dir = "/usr/local/jrun";  ///< mountpoint of <zpool>/<dataset>
  std::string bridge = "bridge0";
  std::string ext_if = "vtnet0";  ///< the uplink (NAT, rdr); "" = detect (FreeBSD host)
  std::string default_release = "15.0-RELEASE";
  std::string mirror = "https://download.FreeBSD.org/releases";
  /// Upstream resolvers of local_unbound, comma-separated ("" = unbound resolves from the
  /// roots; on a FreeBSD host, "" = those of /etc/resolv.conf, else the roots).
  std::string upstream_dns = "10.0.2.3";
  /// The VM guest is jrun's own machine: it writes pf.conf, unbound.conf and resolv.conf
  /// whatever they held, and pf blocks what it does not pass. On a FreeBSD host (false) jrun
  /// refuses to overwrite a pf.conf or unbound.conf it did not write, leaves resolv.conf alone,
  /// adds no default block to pf, refuses loopback forwards, and detects an empty zpool, ext_if
  /// and upstream_dns (FreeBsdDriver).
  bool owns_host = true;
  /// Host ports on ext_if that pass in besides forwards (ssh, the base block's forwards).
  std::vector<std::uint16_t> open_ports = {22};
  /// Where the VM mounts p9fs shares of jail mounts ("" = mount sources are plain host paths,
  /// as on a FreeBSD host). Share of mount M of jail J: <share_root>/<J>_<M>.
  std::string share_root;
  int devfs_ruleset = 10;
  /// rctl(8) limits need RACCT, which the bootstrap turns on in loader.conf(5) and only a reboot
  /// applies. With RACCT off, a jail with limits is refused unless this is set (`jrun up
  /// --without-limits`): it then starts without them, and gets them when the host reboots.
  bool without_limits = false;
  /// Packages installed into every release (pkg -r) before its @base snapshot: monit
  /// supervises; ansible-core (with its python) runs setup steps inside the jail with
  /// `-c local`, so jails need no sshd, keys or ProxyJump (clones share it through ZFS). A
  /// name with `*` is a glob resolved in the repository at install time (pkg rquery -g): the
  /// python flavour of ansible-core follows FreeBSD's default python.
  std::vector<std::string> release_packages = {"monit", "python3", "py3*-ansible-core"};

  std::string jails_dataset() const { return zpool + "/" + dataset + "/jails"; }
  std::string jail_dataset(const std::string& name) const { return jails_dataset() + "/" + name; }
  std::string release_dataset(const std::string& release) const {
    return zpool + "/" + dataset + "/releases/" + release;
  }
  /// Paths as the jail host sees them (without `root`; scripts prefix "$R").
  /// The jail's filesystem (mountpoint of jail_dataset: snapshots cover exactly this).
  std::string jail_root(const std::string& name) const { return base_dir + "/jails/" + name; }
  /// The jail's jail.conf, fstab and mount records: outside its dataset, so a rollback never
  /// rolls back jrun's own records of what it mounted.
  std::string config_dir(const std::string& name) const { return "/var/db/jrun/jails/" + name; }
  std::string release_dir(const std::string& release) const {
    return base_dir + "/releases/" + release;
  }
};

/// Fails (kConfig) when a layout value cannot appear bare in generated text: paths must be
/// absolute [A-Za-z0-9._/@+-] without "..", names [A-Za-z0-9._-].
Status check_layout(const FreeBsdLayout& layout);

}  // namespace jrun::host::freebsd_driver
