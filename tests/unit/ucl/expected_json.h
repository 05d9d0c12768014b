#pragma once
// A small strict JSON reader for the conformance expectations (tests/conformance/ucl/*.json),
// written apart from the parser under test so that a parser bug cannot hide in both sides.
// Types are exact: a number without `.`/exponent is an integer, any other number a float, and
// `{"@time": N}` a duration of N seconds (JSON has no duration type; libucl's UCL_TIME).

#include <optional>
#include <string>

#include "jrun/ucl/value.h"

namespace jrun::ucl::testing {

/// The tree `text` describes, or nullopt with *error set to "offset N: what".
std::optional<Value> read_expected_json(const std::string& text, std::string* error);

}  // namespace jrun::ucl::testing
