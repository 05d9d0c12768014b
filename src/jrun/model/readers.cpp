// Typed readers of single fields (see fields.h).

#include <algorithm>
#include <limits>

#include "jrun/base/path.h"
#include "jrun/base/strings.h"
#include "jrun/model/fields.h"
#include "jrun/model/units.h"

namespace jrun::model::detail {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string unquote_hint(const ucl::Value& value, std::string_view key) {
  if (value.is_string() && all_digits(value.as_string())) {
    return "remove the quotes: " + std::string(key) + " = " + value.as_string() + ";";
  }
  return {};
}

// Checks that a host path exists and has the wanted kind; `shown` is the path as written.
void check_host_path(Sink& sink, const ucl::Value& value, std::string_view key, const Scope& scope,
                     const std::string& resolved, bool want_directory) {
  if (sink.context().fs == nullptr) return;
  Sink::PathFacts facts = sink.path_facts(resolved);
  if (facts.exists && want_directory == facts.directory) return;
  std::string shown = "\"" + value.as_string() + "\"";
  if (!facts.exists) {
    sink.error(
        value.loc(), scope.at(key), ticked(key) + " path " + shown + " does not exist",
        "resolved to " + resolved + " (relative paths start at the directory of the config file)");
  } else if (want_directory && !facts.directory) {
    sink.error(value.loc(), scope.at(key), ticked(key) + " path " + shown + " is not a directory",
               "mounts share directories; mount the directory that holds it");
  } else if (!want_directory && facts.directory) {
    sink.error(value.loc(), scope.at(key),
               ticked(key) + " path " + shown + " is a directory, not a playbook file");
  }
}

}  // namespace

std::optional<std::string> get_string(Sink& sink, const ucl::Value& object, std::string_view key,
                                      const Scope& scope) {
  const ucl::Value* value = get(sink, object, key, scope);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(sink, *value, key, scope, "a string", "put the value in quotes");
    return std::nullopt;
  }
  if (trim(value->as_string()).empty()) {
    sink.error(value->loc(), scope.at(key), ticked(key) + " must not be empty");
    return std::nullopt;
  }
  return value->as_string();
}

std::optional<bool> get_bool(Sink& sink, const ucl::Value& object, std::string_view key,
                             const Scope& scope) {
  const ucl::Value* value = get(sink, object, key, scope);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    wrong_type(sink, *value, key, scope, "a boolean (true or false)");
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<std::int64_t> get_integer(Sink& sink, const ucl::Value& object, std::string_view key,
                                        const Scope& scope, std::int64_t min, std::int64_t max,
                                        std::string_view expected) {
  const ucl::Value* value = get(sink, object, key, scope);
  if (value == nullptr) return std::nullopt;
  if (!value->is_int() || value->as_int() < min || value->as_int() > max) {
    wrong_type(sink, *value, key, scope, expected, unquote_hint(*value, key));
    return std::nullopt;
  }
  return value->as_int();
}

std::optional<std::uint16_t> get_port(Sink& sink, const ucl::Value& object, std::string_view key,
                                      const Scope& scope) {
  std::optional<std::int64_t> port =
      get_integer(sink, object, key, scope, 1, 65535, "a port number (1-65535)");
  if (!port) return std::nullopt;
  return static_cast<std::uint16_t>(*port);
}

std::optional<Proto> get_proto(Sink& sink, const ucl::Value& object, const Scope& scope) {
  const ucl::Value* value = get(sink, object, "proto", scope);
  if (value == nullptr) return std::nullopt;
  if (value->is_string() && value->as_string() == "tcp") return Proto::kTcp;
  if (value->is_string() && value->as_string() == "udp") return Proto::kUdp;
  std::string guess =
      value->is_string() ? closest_match(value->as_string(), {"tcp", "udp"}) : std::string();
  wrong_type(sink, *value, "proto", scope, "\"tcp\" or \"udp\"",
             guess.empty() ? std::string() : "did you mean \"" + guess + "\"?");
  return std::nullopt;
}

std::optional<double> get_duration(Sink& sink, const ucl::Value& object, std::string_view key,
                                   const Scope& scope) {
  const ucl::Value* value = get(sink, object, key, scope);
  if (value == nullptr) return std::nullopt;
  std::optional<double> seconds;
  if (value->is_number()) seconds = value->as_number();
  if (value->is_string()) seconds = parse_duration(value->as_string());
  if (!seconds) {
    wrong_type(sink, *value, key, scope, "a duration",
               "write seconds (30) or a number with a unit: \"500ms\", \"30s\", \"10min\", \"1h\"");
    return std::nullopt;
  }
  if (!(*seconds > 0)) {
    sink.error(value->loc(), scope.at(key), ticked(key) + " must be longer than zero");
    return std::nullopt;
  }
  return seconds;
}

std::optional<std::string> get_inner_path(Sink& sink, const ucl::Value& object,
                                          std::string_view key, const Scope& scope) {
  std::optional<std::string> path = get_string(sink, object, key, scope);
  if (!path) return std::nullopt;
  const ucl::Value& value = *object.find(key);
  if (path->front() != '/') {
    sink.error(value.loc(), scope.at(key),
               ticked(key) + " must be an absolute path, got \"" + *path + "\"",
               "write \"/" + *path + "\"");
    return std::nullopt;
  }
  if (has_dot_dot(*path)) {
    sink.error(value.loc(), scope.at(key),
               ticked(key) + " must not contain `..`, got \"" + *path + "\"");
    return std::nullopt;
  }
  return resolve_path("/", *path, "");
}

std::optional<std::string> get_host_path(Sink& sink, const ucl::Value& object, std::string_view key,
                                         const Scope& scope, bool want_directory) {
  std::optional<std::string> path = get_string(sink, object, key, scope);
  if (!path) return std::nullopt;
  const ValidationContext& context = sink.context();
  std::string resolved = resolve_path(context.config_dir, *path, context.home);
  check_host_path(sink, *object.find(key), key, scope, resolved, want_directory);
  return resolved;
}

}  // namespace jrun::model::detail
