#include "jrun/host/jail_host.h"

#include <charconv>

#include "jrun/base/strings.h"

namespace jrun::host {

namespace {

std::uint64_t kib_to_bytes(const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return 0;
  return value * 1024;
}

}  // namespace

void parse_host_figures(std::string_view out, HostStatus& status) {
  for (const std::string& line : split(out, '\n')) {
    const std::vector<std::string> f = split(line, ' ');
    if (f.size() != 4 || f[0] != "jrun-figures") continue;
    if (f[1] == "disk") {
      status.disk_total = kib_to_bytes(f[2]);
      status.disk_free = kib_to_bytes(f[3]);
    } else if (f[1] == "mem") {
      status.memory_total = kib_to_bytes(f[2]);
      status.memory_available = kib_to_bytes(f[3]);
    }
  }
}
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
