#pragma once
// The linux driver's operations as script values: one POSIX sh script per operation, run as root
// on the jail host through a Transport in one round trip. Pure functions, golden-tested
// (tests/golden/linux/). Every value enters a script through shell_quote.

#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/host/jail_host.h"
#include "jrun/host/linux/init_script.h"
#include "jrun/host/linux/layout.h"

namespace jrun::host::linux_driver {

/// Facts create needs beyond the instance: the host's nameservers (for /etc/resolv.conf) and
/// the supervision files (monitrc, wrappers) the jail starts with.
struct CreateExtras {
  std::vector<std::string> nameservers;
  std::vector<JailFile> service_files;
};

/// Fails (kConfig) when the layout cannot be used in generated text: data_dir must be an
/// absolute path of [A-Za-z0-9._/@+-] (overlay options and mountinfo need no escaping then),
/// bridge, nft table, cgroup and netns prefix must be names.
Status check_layout(const LinuxLayout& layout);

/// Fails (kConfig) for an invalid jail name, unknown release or invalid clone source.
Status check_instance(const JailInstance& jail);

/// Cleans up a half-made jail of the same name, builds the release if needed, makes the overlay
/// (a copy of the base jail's upper layer when cloning), cgroup with limits, network, starts the
/// init and waits for it, then applies the mounts.
std::string create_script(const JailInstance& jail, const HostWiring& wiring,
                          const LinuxLayout& layout, const CreateExtras& extras);

/// Stops services (bounded), kills the init, removes cgroups, network, mounts and the jail dir.
/// Idempotent: missing pieces are fine.
std::string destroy_script(const std::string& name, const LinuxLayout& layout);

/// Lists every jail dir under data_dir/jails as `jail <name> <0|1 running>` lines.
std::string probe_script(const LinuxLayout& layout);
/// Parses probe_script's output (unknown lines ignored).
ProbeResult parse_probe(std::string_view out);

/// Converges "mounts" and "limits" of a running jail; `execs_script` (the supervision apply
/// script, may be empty) runs after them. Fails when the jail is not running.
std::string apply_script(const JailInstance& jail, const std::vector<std::string>& sections,
                         const LinuxLayout& layout, const std::string& execs_script);

/// Host network (network_prepare_script), data dirs, /etc/hosts of every running jail of
/// `wiring`; prints the host's resolv.conf after kResolvMarker (for jail resolv.conf files).
std::string prepare_script(const HostWiring& wiring, const LinuxLayout& layout);
inline constexpr std::string_view kResolvMarker = "--- jrun: host resolv.conf ---";
/// The host's resolv.conf text printed by prepare_script or resolv_fetch_script.
std::string resolv_text(std::string_view out);
/// Prints kResolvMarker and the host's resolv.conf (systemd-resolved's upstream file if any).
std::string resolv_fetch_script();

/// Destroys the listed jails, then removes the host network, the cgroup parents and the jails
/// dir. Releases are kept.
std::string purge_script(const std::vector<std::string>& jails, const LinuxLayout& layout);

}  // namespace jrun::host::linux_driver
