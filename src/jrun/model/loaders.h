#pragma once
// Internal to the model layer: the loaders of each part of the schema, one file per part.
// Each reads one block, reports every problem to the sink and returns what it could build.

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

// checks.cpp: everything that needs the whole config (references, cycles, uniqueness).
void check_config(Sink& sink, const Config& config);

}  // namespace jrun::model::detail
