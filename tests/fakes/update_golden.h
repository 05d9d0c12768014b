#pragma once
// The one switch of every golden test: JRUN_UPDATE_GOLDEN=1 rewrites golden files; unset,
// empty, "0" or anything else compares against them.

#include <cstdlib>
#include <string_view>

namespace jrun::testing {

/// True only when JRUN_UPDATE_GOLDEN is exactly "1".
inline bool update_golden() {
  const char* value = std::getenv("JRUN_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

}  // namespace jrun::testing
