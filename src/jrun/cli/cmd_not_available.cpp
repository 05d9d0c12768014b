#include "jrun/cli/commands.h"

namespace jrun::cli {

Result<int> cmd_not_available(Context& /*ctx*/, const std::string& name) {
  return make_error(ErrorCode::kNotAvailable, name + " is not available yet in this build of jrun");
}

}  // namespace jrun::cli
