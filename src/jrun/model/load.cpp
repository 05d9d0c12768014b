// The top level, jails and their scalar keys (ip, base, depends). See docs/config.md.

#include "jrun/model/load.h"

#include "jrun/base/ipv4.h"
#include "jrun/model/loaders.h"

namespace jrun::model {
namespace {

using detail::Entry;
using detail::Scope;
using detail::Sink;
using detail::ticked;

// Checks the address against the jail subnet and its reserved addresses.
void check_ip(Sink& sink, std::uint32_t address, const ucl::Value& value, const Scope& scope) {
  const ValidationContext& context = sink.context();
  std::optional<Subnet> subnet = parse_subnet(context.subnet);
  std::string shown = format_ipv4(address);
  std::string problem;
  if (subnet && !subnet->contains(address)) {
    problem = "is outside the jail subnet " + context.subnet;
  } else if (subnet && address == subnet->network) {
    problem = "is the network address of the jail subnet " + context.subnet;
  } else if (subnet && address == subnet->broadcast()) {
    problem = "is the broadcast address of the jail subnet " + context.subnet;
  } else if (parse_ipv4(context.gateway) == address) {
    problem = "is the gateway address of the jail subnet";
  }
  if (problem.empty()) return;
  std::string hint = "leave `ip` out to have one assigned";
  if (subnet) {
    hint += ", or pick one from " + format_ipv4(subnet->network + 2) + " to " +
            format_ipv4(subnet->broadcast() - 1);
  }
  sink.error(value.loc(), scope.at("ip"), "ip " + shown + " " + problem, hint);
}

void load_ip(Sink& sink, const ucl::Value& body, const Scope& scope, Jail& jail) {
  std::optional<std::string> text = detail::get_string(sink, body, "ip", scope);
  if (!text) return;
  const ucl::Value& value = *body.find("ip");
  jail.ip_loc = value.loc();
  std::optional<std::uint32_t> address = parse_ipv4(*text);
  if (!address) {
    detail::wrong_type(sink, value, "ip", scope, "an IPv4 address such as \"10.17.89.20\"");
    return;
  }
  check_ip(sink, *address, value, scope);
  jail.ip = format_ipv4(*address);
}

void load_base_ref(Sink& sink, const ucl::Value& body, const Scope& parent, Jail& jail) {
  Scope scope;
  const ucl::Value* base = detail::get_block(sink, body, "base", parent, scope);
  if (base == nullptr) return;
  detail::check_keys(sink, *base, {"type", "name"}, scope);
  detail::require(sink, *base, {"name"}, scope);
  std::optional<std::string> type = detail::get_string(sink, *base, "type", scope);
  if (type && *type != "jail") {
    sink.error(base->find("type")->loc(), scope.at("type"),
               "`type` must be \"jail\", got \"" + *type + "\"",
               "a jail can only be cloned from another jail of the same config");
  }
  jail.base = detail::get_string(sink, *base, "name", scope);
  if (jail.base) jail.base_loc = base->find("name")->loc();
}

void add_dependency(Sink& sink, Dependency dependency, const Scope& scope,
                    std::vector<Dependency>& out) {
  for (const Dependency& other : out) {
    if (other.name == dependency.name) {
      sink.error(
          dependency.loc, scope.at("depends." + dependency.name),
          ticked(dependency.name) + " is listed more than once in `depends` of " + scope.noun());
      return;
    }
  }
  out.push_back(std::move(dependency));
}

// The block form: `depends { db { condition = "healthy"; } cache {} }`.
void load_depends_block(Sink& sink, const ucl::Value& block, const Scope& scope,
                        std::vector<Dependency>& out) {
  for (const ucl::Member& member : block.members()) {
    Scope entry{scope.at("depends." + member.key),
                "dependency " + ticked(member.key) + " of " + scope.noun(), member.key_loc};
    Dependency dependency{member.key, DependCondition::kStarted, member.key_loc};
    const ucl::Value& body = *member.value;
    if (!body.is_object()) {
      sink.error(body.loc(), entry.field(),
                 entry.noun() + " must be a block `{ ... }`, got " + detail::describe(body),
                 "write " + member.key + " { condition = \"healthy\"; } or " + member.key + " {}");
      continue;
    }
    detail::check_keys(sink, body, {"condition"}, entry);
    const ucl::Value* condition = detail::get(sink, body, "condition", entry);
    if (condition != nullptr && condition->is_string() && condition->as_string() == "healthy") {
      dependency.condition = DependCondition::kHealthy;
    } else if (condition != nullptr &&
               !(condition->is_string() && condition->as_string() == "started")) {
      detail::wrong_type(sink, *condition, "condition", entry, "\"started\" or \"healthy\"");
    }
    add_dependency(sink, std::move(dependency), scope, out);
  }
}

// One written value of `depends`: a block, a jail name or a list of names. A repeated key
// (`depends = "a"; depends = "b";`) contributes each of its values.
void load_depends_value(Sink& sink, const ucl::Value& value, const Scope& scope,
                        std::vector<Dependency>& out) {
  if (value.is_object()) {
    load_depends_block(sink, value, scope, out);
  } else if (value.is_string()) {
    add_dependency(sink, Dependency{value.as_string(), DependCondition::kStarted, value.loc()},
                   scope, out);
  } else if (value.is_array()) {
    for (const ucl::Value& item : value.items()) {
      if (!item.is_string()) {
        detail::wrong_type(sink, item, "depends", scope, "a list of jail names");
        continue;
      }
      add_dependency(sink, Dependency{item.as_string(), DependCondition::kStarted, item.loc()},
                     scope, out);
    }
  } else {
    detail::wrong_type(sink, value, "depends", scope, "a list of jail names or a block",
                       "write depends = [\"db\"]; or depends { db { condition = \"healthy\"; } }");
  }
}

std::vector<Dependency> load_depends(Sink& sink, const ucl::Value& body, const Scope& scope) {
  std::vector<Dependency> out;
  const ucl::Value* value = body.find("depends");
  if (value == nullptr) return out;
  for (const ucl::Value* one : value->all_values()) load_depends_value(sink, *one, scope, out);
  return out;
}

Jail load_jail(Sink& sink, const Entry& entry) {
  const ucl::Value& body = *entry.body;
  const Scope& scope = entry.scope;
  detail::check_keys(
      sink, body,
      {"release", "ip", "base", "depends", "mount", "forward", "exec", "setup", "limits"}, scope);
  Jail jail;
  jail.name = entry.name;
  jail.loc = scope.loc;
  jail.release = detail::get_release(sink, body, scope);
  load_ip(sink, body, scope, jail);
  load_base_ref(sink, body, scope, jail);
  jail.depends = load_depends(sink, body, scope);
  jail.mounts = detail::load_mounts(sink, body, scope);
  jail.forwards = detail::load_forwards(sink, body, scope);
  jail.execs = detail::load_execs(sink, body, scope);
  jail.setup = detail::load_setup(sink, body, scope);
  jail.limits = detail::load_limits(sink, body, scope);
  return jail;
}

std::optional<Base> load_base(Sink& sink, const ucl::Value& root, const Scope& top) {
  Scope scope;
  const ucl::Value* body = detail::get_block(sink, root, "base", top, scope);
  if (body == nullptr) return std::nullopt;
  detail::check_keys(sink, *body, {"setup", "mount", "forward"}, scope);
  Base base;
  base.loc = scope.loc;
  base.setup = detail::load_setup(sink, *body, scope);
  base.mounts = detail::load_base_mounts(sink, *body, scope);
  base.forwards = detail::load_base_forwards(sink, *body, scope);
  return base;
}

}  // namespace

LoadResult load_config(const ucl::Value& root, const ValidationContext& context) {
  Sink sink(context);
  LoadResult result;
  Config& config = result.config;
  config.path = context.config_path;
  config.dir = context.config_dir;
  Scope top{"", "the config file", root.loc()};
  if (!root.is_object()) {
    sink.error(root.loc(), "", "a config must be a block of keys, got " + detail::describe(root));
  } else {
    detail::check_sizes(sink, root);
    detail::check_keys(sink, root, {"jail", "base"}, top);
    for (const Entry& entry : detail::get_entries(sink, root, "jail", top, "jail")) {
      config.jails.push_back(load_jail(sink, entry));
    }
    config.base = load_base(sink, root, top);
    detail::check_config(sink, config);
  }
  result.diagnostics = sink.take();
  sort_diagnostics(result.diagnostics);
  return result;
}

}  // namespace jrun::model
