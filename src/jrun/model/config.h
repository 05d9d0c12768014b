#pragma once
// The validated configuration: what the user asked for, with defaults filled in and every
// reference checked. Produced by model::load_config from a UCL tree; consumed by the planner.
// Containers keep file order (setup steps and execs run in that order).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jrun/base/source.h"

namespace jrun::model {

enum class Proto : std::uint8_t { kTcp, kUdp };
/// "tcp" or "udp".
std::string_view proto_name(Proto proto);

struct Forward {
  std::string name;
  Proto proto = Proto::kTcp;
  std::uint16_t host = 0;          ///< host port
  std::uint16_t jail = 0;          ///< port inside the jail
  std::string bind = "127.0.0.1";  ///< host address the forward listens on
  Location loc;                    ///< the forward's name
  Location host_loc;               ///< the host port value (for port conflict diagnostics)
};

struct Mount {
  std::string name;
  std::string host;  ///< absolute, normalised host directory (resolved against the config dir)
  std::string jail;  ///< absolute path inside the jail, no ".."
  Location loc;
};

struct Healthcheck {
  std::string test;           ///< shell command; exit 0 = healthy
  double interval = 30;       ///< seconds between checks
  double timeout = 10;        ///< seconds before a check counts as failed
  std::uint32_t retries = 3;  ///< consecutive failures before a restart
};

/// Restart policy of an exec (monit: "if <max> restarts within <within> then unmonitor").
struct RestartPolicy {
  bool on_failure = true;  ///< restart when the process dies
  std::uint32_t max = 5;   ///< give up after this many restarts ...
  double within = 300;     ///< ... within this many seconds (reference: 5 in 10 cycles of 30 s)
};

struct Exec {
  std::string name;
  std::string cmd;
  std::string dir = "/";
  std::vector<std::pair<std::string, std::string>> env;  ///< file order
  std::optional<Healthcheck> healthcheck;
  RestartPolicy restart;
  Location loc;
};

enum class SetupSource : std::uint8_t { kFile, kUrl };

struct SetupStep {
  std::string name;
  std::string type = "ansible";
  SetupSource source = SetupSource::kFile;
  std::string location;  ///< absolute playbook path (kFile) or the URL as written (kUrl)
  nlohmann::ordered_json vars = nlohmann::ordered_json::object();  ///< extra vars
  std::optional<std::string> sha256;  ///< pins the hub/URL manifest (64 lower-case hex)
  Location loc;
};

struct Limits {
  std::optional<double> cpu;               ///< cores, e.g. 1.5
  std::optional<std::uint64_t> memory;     ///< bytes
  std::optional<std::uint32_t> processes;  ///< max processes
  bool empty() const { return !cpu && !memory && !processes; }
};

enum class DependCondition : std::uint8_t { kStarted, kHealthy };

struct Dependency {
  std::string name;
  DependCondition condition = DependCondition::kStarted;
  Location loc;
};

struct Jail {
  std::string name;
  std::optional<std::string> release;  ///< unset = the jail host's default release
  std::optional<std::string> ip;       ///< unset = assigned by the planner from state
  std::optional<std::string> base;     ///< name of the jail this one is cloned from
  std::vector<Dependency> depends;
  std::vector<Mount> mounts;
  std::vector<Forward> forwards;
  std::vector<Exec> execs;
  std::vector<SetupStep> setup;
  Limits limits;
  Location loc;       ///< the jail's name
  Location ip_loc;    ///< the `ip` value, when written
  Location base_loc;  ///< the `base.name` value, when written
};

/// The `base { }` block: provisioning and wiring of the jail host itself (the VM).
struct BaseMount {
  std::string name;
  std::string host;    ///< absolute host directory
  std::string target;  ///< absolute path in the jail host
  Location loc;
};

struct BaseForward {
  std::string name;
  Proto proto = Proto::kTcp;
  std::uint16_t host = 0;
  std::uint16_t target = 0;  ///< port on the jail host
  Location loc;              ///< the forward's name
  Location host_loc;         ///< the host port value (for port conflict diagnostics)
};

struct Base {
  std::vector<SetupStep> setup;
  std::vector<BaseMount> mounts;
  std::vector<BaseForward> forwards;
  Location loc;
};

struct Config {
  std::string path;         ///< the config file as given
  std::string dir;          ///< absolute directory of the config file
  std::vector<Jail> jails;  ///< file order
  std::optional<Base> base;

  /// The jail named `name`, or nullptr.
  const Jail* find(std::string_view name) const;
};

}  // namespace jrun::model
