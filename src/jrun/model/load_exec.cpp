// Execs: the supervised processes of a jail, with environment, healthcheck and restart policy.

#include <limits>

#include "jrun/model/loaders.h"
#include "jrun/model/units.h"

namespace jrun::model::detail {
namespace {

constexpr std::int64_t kMaxCount = std::numeric_limits<std::uint32_t>::max();

// The text an environment variable gets for a scalar value, or nullopt for non-scalars.
std::optional<std::string> scalar_text(const ucl::Value& value) {
  switch (value.type()) {
    case ucl::Type::kString:
      return value.as_string();
    case ucl::Type::kInt:
      return std::to_string(value.as_int());
    case ucl::Type::kFloat:
    case ucl::Type::kTime:
      return format_number(value.as_number());
    case ucl::Type::kBool:
      return value.as_bool() ? "true" : "false";
    default:
      return std::nullopt;
  }
}

std::vector<std::pair<std::string, std::string>> load_env(Sink& sink, const ucl::Value& exec,
                                                          const Scope& parent) {
  Scope scope;
  const ucl::Value* env = get_block(sink, exec, "env", parent, scope);
  std::vector<std::pair<std::string, std::string>> out;
  if (env == nullptr) return out;
  for (const ucl::Member& member : env->members()) {
    if (!valid_identifier(member.key)) {
      sink.error(member.key_loc, scope.at(member.key),
                 "invalid environment variable name " + ticked(member.key),
                 "names are letters, digits and `_`, not starting with a digit");
    }
    const ucl::Value* value = get(sink, *env, member.key, scope);
    if (value == nullptr) continue;
    std::optional<std::string> text = scalar_text(*value);
    if (!text) {
      wrong_type(sink, *value, member.key, scope, "a string, number or boolean");
      continue;
    }
    out.emplace_back(member.key, std::move(*text));
  }
  return out;
}

void check_interval(Sink& sink, const ucl::Value& body, double interval, const Scope& scope) {
  double cycle = sink.context().monit_cycle;
  if (interval >= cycle) return;
  sink.error(body.find("interval")->loc(), scope.at("interval"),
             "healthcheck interval " + format_duration(interval) +
                 " is shorter than the supervision cycle (" + format_duration(cycle) + ")",
             "set JRUN_MONIT_CYCLE lower or the interval higher");
}

std::optional<Healthcheck> load_healthcheck(Sink& sink, const ucl::Value& exec,
                                            const Scope& parent) {
  Scope scope;
  const ucl::Value* body = get_block(sink, exec, "healthcheck", parent, scope);
  if (body == nullptr) return std::nullopt;
  check_keys(sink, *body, {"test", "interval", "timeout", "retries"}, scope);
  require(sink, *body, {"test"}, scope);
  Healthcheck check;
  check.test = get_string(sink, *body, "test", scope).value_or("");
  if (std::optional<double> interval = get_duration(sink, *body, "interval", scope)) {
    check_interval(sink, *body, *interval, scope);
    check.interval = *interval;
  }
  check.timeout = get_duration(sink, *body, "timeout", scope).value_or(check.timeout);
  std::optional<std::int64_t> retries =
      get_integer(sink, *body, "retries", scope, 1, kMaxCount, "a whole number, at least 1");
  if (retries) check.retries = static_cast<std::uint32_t>(*retries);
  return check;
}

RestartPolicy load_restart(Sink& sink, const ucl::Value& exec, const Scope& parent) {
  Scope scope;
  const ucl::Value* body = get_block(sink, exec, "restart", parent, scope);
  RestartPolicy policy;
  if (body == nullptr) return policy;
  check_keys(sink, *body, {"on-failure", "max", "within"}, scope);
  policy.on_failure = get_bool(sink, *body, "on-failure", scope).value_or(policy.on_failure);
  std::optional<std::int64_t> max = get_integer(sink, *body, "max", scope, 1, kMaxCount,
                                                "a whole number of restarts, at least 1");
  if (max) policy.max = static_cast<std::uint32_t>(*max);
  policy.within = get_duration(sink, *body, "within", scope).value_or(policy.within);
  return policy;
}

Exec load_exec(Sink& sink, const Entry& entry) {
  const ucl::Value& body = *entry.body;
  const Scope& scope = entry.scope;
  check_keys(sink, body, {"cmd", "dir", "env", "healthcheck", "restart"}, scope);
  require(sink, body, {"cmd"}, scope);
  Exec exec;
  exec.name = entry.name;
  exec.loc = scope.loc;
  exec.cmd = get_string(sink, body, "cmd", scope).value_or("");
  exec.dir = get_inner_path(sink, body, "dir", scope).value_or(exec.dir);
  exec.env = load_env(sink, body, scope);
  exec.healthcheck = load_healthcheck(sink, body, scope);
  exec.restart = load_restart(sink, body, scope);
  return exec;
}

}  // namespace

std::vector<Exec> load_execs(Sink& sink, const ucl::Value& jail, const Scope& scope) {
  std::vector<Exec> execs;
  for (const Entry& entry : get_entries(sink, jail, "exec", scope, "exec")) {
    execs.push_back(load_exec(sink, entry));
  }
  return execs;
}

}  // namespace jrun::model::detail
