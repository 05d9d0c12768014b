// Setup steps: Ansible playbooks from a local file or a URL, with extra vars.

#include <algorithm>
#include <cctype>

#include "jrun/base/strings.h"
#include "jrun/model/loaders.h"

namespace jrun::model::detail {
namespace {

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return text.substr(0, p.size()) == p; });
}

// A scalar as JSON, or nullopt for arrays, objects and null.
std::optional<nlohmann::ordered_json> scalar_json(const ucl::Value& value) {
  switch (value.type()) {
    case ucl::Type::kString:
      return nlohmann::ordered_json(value.as_string());
    case ucl::Type::kInt:
      return nlohmann::ordered_json(value.as_int());
    case ucl::Type::kFloat:
    case ucl::Type::kTime:
      return nlohmann::ordered_json(value.as_number());
    case ucl::Type::kBool:
      return nlohmann::ordered_json(value.as_bool());
    default:
      return std::nullopt;
  }
}

std::optional<nlohmann::ordered_json> var_json(const ucl::Value& value) {
  if (!value.is_array()) return scalar_json(value);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ucl::Value& item : value.items()) {
    std::optional<nlohmann::ordered_json> element = scalar_json(item);
    if (!element) return std::nullopt;
    list.push_back(std::move(*element));
  }
  return list;
}

nlohmann::ordered_json load_vars(Sink& sink, const ucl::Value& step, const Scope& parent) {
  Scope scope;
  const ucl::Value* vars = get_block(sink, step, "vars", parent, scope);
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (vars == nullptr) return out;
  for (const ucl::Member& member : vars->members()) {
    if (!valid_identifier(member.key)) {
      sink.error(member.key_loc, scope.at(member.key),
                 "invalid Ansible variable name " + ticked(member.key),
                 "names are letters, digits and `_`, not starting with a digit");
    }
    // A repeated key is an implicit list here: `pkg = "a"; pkg = "b";` reads as ["a", "b"].
    const ucl::Value& value = *member.value;
    std::optional<nlohmann::ordered_json> json = var_json(value);
    if (!json) {
      wrong_type(sink, value, member.key, scope, "a string, number, boolean or a list of those");
      continue;
    }
    out[member.key] = std::move(*json);
  }
  return out;
}

void load_source(Sink& sink, const ucl::Value& body, const Scope& scope, SetupStep& step) {
  const ucl::Value* file = get(sink, body, "file", scope);
  const ucl::Value* url = get(sink, body, "url", scope);
  if (body.find("file") != nullptr && body.find("url") != nullptr) {
    sink.error(body.find("url")->loc(), scope.at("url"),
               scope.noun() + " has both `file` and `url`",
               "keep one: `file` for a local playbook, `url` for a downloaded one");
  } else if (file != nullptr && file->is_string() &&
             file->as_string().find("://") != std::string::npos) {
    sink.error(file->loc(), scope.at("file"),
               "`file` \"" + file->as_string() + "\" looks like a URL", "use `url` instead");
  } else if (file != nullptr) {
    step.source = SetupSource::kFile;
    step.location = get_host_path(sink, body, "file", scope, false).value_or("");
  } else if (url != nullptr) {
    step.source = SetupSource::kUrl;
    std::optional<std::string> text = get_string(sink, body, "url", scope);
    if (text && !starts_with_any(*text, {"https://", "http://", "hub://"})) {
      sink.error(url->loc(), scope.at("url"),
                 "`url` must start with https://, http:// or hub://, got \"" + *text + "\"",
                 "for a playbook on this machine use `file`");
    }
    step.location = text.value_or("");
  } else if (body.find("file") == nullptr && body.find("url") == nullptr) {
    sink.error(scope.loc, scope.at("file"), "missing `file` or `url` in " + scope.noun());
  }
}

void load_sha256(Sink& sink, const ucl::Value& body, const Scope& scope, SetupStep& step) {
  std::optional<std::string> sha = get_string(sink, body, "sha256", scope);
  if (!sha) return;
  const ucl::Value& value = *body.find("sha256");
  bool hex = sha->size() == 64 && std::all_of(sha->begin(), sha->end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c)) != 0;
             });
  if (!hex) {
    sink.error(value.loc(), scope.at("sha256"), "`sha256` must be 64 hexadecimal digits");
  } else if (body.find("file") != nullptr && body.find("url") == nullptr) {
    sink.error(value.loc(), scope.at("sha256"),
               "`sha256` pins a downloaded playbook; it does not apply to `file`",
               "remove it, or use `url`");
  } else {
    step.sha256 = to_lower(*sha);
  }
}

SetupStep load_step(Sink& sink, const Entry& entry) {
  const ucl::Value& body = *entry.body;
  const Scope& scope = entry.scope;
  check_keys(sink, body, {"type", "file", "url", "vars", "sha256"}, scope);
  SetupStep step;
  step.name = entry.name;
  step.loc = scope.loc;
  std::optional<std::string> type = get_string(sink, body, "type", scope);
  if (type && *type != "ansible") {
    sink.error(body.find("type")->loc(), scope.at("type"),
               "`type` must be \"ansible\", got \"" + *type + "\"",
               "Ansible playbooks are the only kind of setup step");
  }
  load_source(sink, body, scope, step);
  step.vars = load_vars(sink, body, scope);
  load_sha256(sink, body, scope, step);
  return step;
}

}  // namespace

std::vector<SetupStep> load_setup(Sink& sink, const ucl::Value& owner, const Scope& scope) {
  std::vector<SetupStep> steps;
  for (const Entry& entry : get_entries(sink, owner, "setup", scope, "setup")) {
    steps.push_back(load_step(sink, entry));
  }
  return steps;
}

}  // namespace jrun::model::detail
