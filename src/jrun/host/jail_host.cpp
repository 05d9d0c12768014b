#include "jrun/host/jail_host.h"

namespace jrun::host {
namespace {

Error no_snapshots(const JailHost& host) {
  return make_error(ErrorCode::kNotAvailable,
                    "snapshots are not available with the " + host.driver() + " driver yet");
}

}  // namespace

Status JailHost::snapshot_create(const std::string& /*jail*/, const std::string& /*snapshot*/) {
  return no_snapshots(*this);
}

Result<std::vector<Snapshot>> JailHost::snapshots(const std::string& /*jail*/) {
  return no_snapshots(*this);
}

Status JailHost::snapshot_rollback(const std::string& /*jail*/, const std::string& /*snapshot*/) {
  return no_snapshots(*this);
}

Status JailHost::snapshot_delete(const std::string& /*jail*/, const std::string& /*snapshot*/) {
  return no_snapshots(*this);
}

bool valid_snapshot_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.rfind("jrun-", 0) == 0) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

}  // namespace jrun::host
