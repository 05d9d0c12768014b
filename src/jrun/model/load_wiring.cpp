// Mounts, forwards and limits of jails and of the base block.

#include <cmath>
#include <limits>

#include "jrun/base/ipv4.h"
#include "jrun/model/loaders.h"
#include "jrun/model/units.h"

namespace jrun::model::detail {
namespace {

constexpr std::uint64_t kMinMemory = 1024 * 1024;

std::optional<std::string> get_bind(Sink& sink, const ucl::Value& body, const Scope& scope) {
  std::optional<std::string> bind = get_string(sink, body, "bind", scope);
  if (!bind) return std::nullopt;
  std::optional<std::uint32_t> address = parse_ipv4(*bind);
  if (!address) {
    wrong_type(sink, *body.find("bind"), "bind", scope, "an IPv4 address of this host",
               "\"127.0.0.1\" (the default) keeps the port local; \"0.0.0.0\" opens it to the "
               "network");
    return std::nullopt;
  }
  return format_ipv4(*address);
}

Location value_loc(const ucl::Value& body, std::string_view key) {
  const ucl::Value* value = body.find(key);
  return value == nullptr ? Location{} : value->loc();
}

std::optional<double> get_cpu(Sink& sink, const ucl::Value& body, const Scope& scope) {
  const ucl::Value* value = get(sink, body, "cpu", scope);
  if (value == nullptr) return std::nullopt;
  bool plain_number = value->is_int() || value->type() == ucl::Type::kFloat;
  if (!plain_number || !(value->as_number() > 0)) {
    wrong_type(sink, *value, "cpu", scope, "a number of cores greater than 0 (e.g. 1.5)");
    return std::nullopt;
  }
  return value->as_number();
}

std::optional<std::uint64_t> get_memory(Sink& sink, const ucl::Value& body, const Scope& scope) {
  const ucl::Value* value = get(sink, body, "memory", scope);
  if (value == nullptr) return std::nullopt;
  std::optional<std::uint64_t> bytes;
  if (value->is_int() && value->as_int() >= 0) bytes = static_cast<std::uint64_t>(value->as_int());
  if (value->type() == ucl::Type::kFloat && value->as_number() >= 0 && value->as_number() < 9e18) {
    bytes = static_cast<std::uint64_t>(std::floor(value->as_number()));
  }
  if (value->is_string()) bytes = parse_size(value->as_string());
  if (!bytes) {
    wrong_type(sink, *value, "memory", scope, "a size",
               "write bytes or a number with a unit: \"512mb\", \"2G\", \"1GiB\"");
    return std::nullopt;
  }
  if (*bytes < kMinMemory) {
    sink.error(value->loc(), scope.at("memory"),
               "memory limit of " + format_size(*bytes) + " is below the minimum of 1 MiB",
               "a number without a unit counts bytes; write e.g. \"512mb\"");
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

std::vector<Mount> load_mounts(Sink& sink, const ucl::Value& jail, const Scope& scope) {
  std::vector<Mount> mounts;
  for (const Entry& entry : get_entries(sink, jail, "mount", scope, "mount")) {
    const ucl::Value& body = *entry.body;
    check_keys(sink, body, {"host", "jail"}, entry.scope);
    require(sink, body, {"host", "jail"}, entry.scope);
    Mount mount;
    mount.name = entry.name;
    mount.loc = entry.scope.loc;
    mount.host = get_host_path(sink, body, "host", entry.scope, true).value_or("");
    mount.jail = get_mount_target(sink, body, "jail", entry.scope).value_or("");
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

std::vector<Forward> load_forwards(Sink& sink, const ucl::Value& jail, const Scope& scope) {
  std::vector<Forward> forwards;
  for (const Entry& entry : get_entries(sink, jail, "forward", scope, "forward")) {
    const ucl::Value& body = *entry.body;
    check_keys(sink, body, {"proto", "host", "jail", "bind"}, entry.scope);
    require(sink, body, {"host", "jail"}, entry.scope);
    Forward forward;
    forward.name = entry.name;
    forward.loc = entry.scope.loc;
    forward.proto = get_proto(sink, body, entry.scope).value_or(Proto::kTcp);
    forward.host = get_port(sink, body, "host", entry.scope).value_or(0);
    forward.host_loc = value_loc(body, "host");
    forward.jail = get_port(sink, body, "jail", entry.scope).value_or(0);
    forward.bind = get_bind(sink, body, entry.scope).value_or("127.0.0.1");
    forwards.push_back(std::move(forward));
  }
  return forwards;
}

std::vector<BaseMount> load_base_mounts(Sink& sink, const ucl::Value& base, const Scope& scope) {
  std::vector<BaseMount> mounts;
  for (const Entry& entry : get_entries(sink, base, "mount", scope, "mount")) {
    const ucl::Value& body = *entry.body;
    check_keys(sink, body, {"host", "target"}, entry.scope);
    require(sink, body, {"host", "target"}, entry.scope);
    BaseMount mount;
    mount.name = entry.name;
    mount.loc = entry.scope.loc;
    mount.host = get_host_path(sink, body, "host", entry.scope, true).value_or("");
    mount.target = get_mount_target(sink, body, "target", entry.scope).value_or("");
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

std::vector<BaseForward> load_base_forwards(Sink& sink, const ucl::Value& base,
                                            const Scope& scope) {
  std::vector<BaseForward> forwards;
  for (const Entry& entry : get_entries(sink, base, "forward", scope, "forward")) {
    const ucl::Value& body = *entry.body;
    check_keys(sink, body, {"proto", "host", "target"}, entry.scope);
    require(sink, body, {"host", "target"}, entry.scope);
    BaseForward forward;
    forward.name = entry.name;
    forward.loc = entry.scope.loc;
    forward.proto = get_proto(sink, body, entry.scope).value_or(Proto::kTcp);
    forward.host = get_port(sink, body, "host", entry.scope).value_or(0);
    forward.host_loc = value_loc(body, "host");
    forward.target = get_port(sink, body, "target", entry.scope).value_or(0);
    forwards.push_back(std::move(forward));
  }
  return forwards;
}

Limits load_limits(Sink& sink, const ucl::Value& jail, const Scope& parent) {
  Scope scope;
  const ucl::Value* body = get_block(sink, jail, "limits", parent, scope);
  if (body == nullptr) return {};
  check_keys(sink, *body, {"cpu", "memory", "processes"}, scope);
  Limits limits;
  limits.cpu = get_cpu(sink, *body, scope);
  limits.memory = get_memory(sink, *body, scope);
  std::optional<std::int64_t> processes =
      get_integer(sink, *body, "processes", scope, 1, std::numeric_limits<std::uint32_t>::max(),
                  "a whole number of processes, at least 1");
  if (processes) limits.processes = static_cast<std::uint32_t>(*processes);
  return limits;
}

}  // namespace jrun::model::detail
