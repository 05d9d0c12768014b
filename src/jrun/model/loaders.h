#pragma once
// Internal to the model layer: the loaders of each part of the schema, one file per part.
// Each reads one block, reports every problem to the sink and returns what it could build.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jrun/model/config.h"
#include "jrun/model/fields.h"
#include "jrun/ucl/value.h"

namespace jrun::model::detail {

// load_wiring.cpp
std::vector<Mount> load_mounts(Sink& sink, const ucl::Value& jail, const Scope& scope);
std::vector<Forward> load_forwards(Sink& sink, const ucl::Value& jail, const Scope& scope);
std::vector<BaseMount> load_base_mounts(Sink& sink, const ucl::Value& base, const Scope& scope);
std::vector<BaseForward> load_base_forwards(Sink& sink, const ucl::Value& base, const Scope& scope);
Limits load_limits(Sink& sink, const ucl::Value& jail, const Scope& scope);

// load_exec.cpp
std::vector<Exec> load_execs(Sink& sink, const ucl::Value& jail, const Scope& scope);

// load_setup.cpp
std::vector<SetupStep> load_setup(Sink& sink, const ucl::Value& owner, const Scope& scope);

// limits.cpp: sizes, release names, mount targets (what `up` would otherwise fail on).
/// Longest string accepted where no larger limit applies (PATH_MAX), and under `cmd`, `test`,
/// `env` and setup vars (below the kernel's 128 KiB limit on one argument, MAX_ARG_STRLEN).
inline constexpr std::size_t kMaxString = 4096;
inline constexpr std::size_t kMaxLongString = 65536;
inline constexpr std::size_t kMaxKey = 255;
/// Reports every string or key of the document longer than its limit.
void check_sizes(Sink& sink, const ucl::Value& root);
/// `release`: a release name, and one the jail host has when the context lists them.
std::optional<std::string> get_release(Sink& sink, const ucl::Value& body, const Scope& scope);
/// A mount's path in the jail: absolute, and neither `/` nor in /dev, /proc or /sys.
std::optional<std::string> get_mount_target(Sink& sink, const ucl::Value& body,
                                            std::string_view key, const Scope& scope);

// checks.cpp: everything that needs the whole config (references, cycles, uniqueness).
void check_config(Sink& sink, const Config& config);

}  // namespace jrun::model::detail
