#pragma once
// The recorded state: what jrun last did on the jail host, as a value. Pure: parsing and
// serialising only (the file, the lock and the atomic write live in store.h).
//
// The state never depends on the config model. Each jail's applied spec is kept as JSON sections
// ("mounts", "forwards", "execs", "setup", "limits"), produced and compared by the planner.

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "jrun/base/result.h"

namespace jrun::state {

/// The only state file version this build reads and writes.
inline constexpr int kStateVersion = 1;

/// The sections of a jail spec, in the order they are applied.
inline constexpr std::array<std::string_view, 5> kSections = {"mounts", "forwards", "execs",
                                                              "setup", "limits"};

/// Where a jail is in its life. Anything but kReady after a run means jrun stopped mid-way.
enum class Phase : std::uint8_t {
  kCreating,    ///< creation (or the create half of a replace) started, not finished
  kReady,       ///< created; sections hold what is on the host (see JailRecord::applied)
  kDestroying,  ///< destruction started, not finished
};

/// "creating" | "ready" | "destroying".
std::string_view phase_name(Phase phase);

/// One jail as last applied.
struct JailRecord {
  std::string name;     ///< also the key in State::jails
  std::string ip;       ///< dotted IPv4, reserved as soon as creation starts
  std::string release;  ///< "" = the jail host's default release
  std::string base;     ///< name of the jail it was cloned from, "" = none
  Phase phase = Phase::kCreating;
  /// Applied spec: section name -> JSON (see kSections). A missing section was never applied.
  nlohmann::ordered_json spec = nlohmann::ordered_json::object();
  /// Section name -> false while the engine is changing that section: the host may then be
  /// anywhere between `spec[section]` and the new desired value. Missing = true.
  std::map<std::string, bool> applied;
  /// Setup step name -> sha256 (hex) of the playbook content last run.
  std::map<std::string, std::string> setup_hashes;
  /// The setup step whose last run failed and why (one line); both "" when none failed. Kept
  /// until that step succeeds, so `status` shows it.
  std::string setup_failed_step, setup_failed_error;

  /// True unless the section is marked as being changed.
  bool section_applied(std::string_view section) const;
};

/// Everything jrun records between runs.
struct State {
  int version = kStateVersion;
  std::map<std::string, JailRecord> jails;  ///< by name (a JSON array sorted by name on disk)
  /// Host-level records owned by later layers (network, VM wiring, peers, base setup).
  nlohmann::ordered_json host = nlohmann::ordered_json::object();
};

/// Parses the state file text. Strict: malformed JSON, an unknown version, unknown keys or
/// wrongly typed fields are errors (ErrorCode::kState) whose message says what and where; the
/// result is never a silently empty state.
Result<State> parse_state(std::string_view text);

/// The state as pretty-printed JSON (indent 2, trailing newline), keys in a stable order.
std::string serialize_state(const State& state);

}  // namespace jrun::state
