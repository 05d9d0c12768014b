// Checks that keep `up` from failing on what `config check` could have seen (issue 15, item
// 10): the size of every string, release names, and mount targets that would cover the jail's
// root or its kernel file systems.

#include <algorithm>
#include <string>

#include "jrun/base/strings.h"
#include "jrun/model/loaders.h"

namespace jrun::model::detail {
namespace {

/// Keys whose strings (and everything under them) may be long: commands and their environment.
bool long_strings_allowed(std::string_view key) {
  return key == "cmd" || key == "test" || key == "env" || key == "vars";
}

void check_string(Sink& sink, const ucl::Value& value, const std::string& field, bool long_ok) {
  const std::size_t limit = long_ok ? kMaxLongString : kMaxString;
  if (value.as_string().size() <= limit) return;
  sink.error(
      value.loc(), field,
      "this string is " + std::to_string(value.as_string().size()) +
          " bytes long; the limit here is " + std::to_string(limit) + " bytes",
      long_ok ? "put a long program in a file in a mounted directory and run that file" : "");
}

void walk(Sink& sink, const ucl::Value& value, const std::string& field, bool long_ok, int depth) {
  if (depth > 256) return;  // the parser bounds nesting (128) already
  if (value.is_string()) return check_string(sink, value, field, long_ok);
  if (value.is_array()) {
    for (const ucl::Value& item : value.items()) walk(sink, item, field, long_ok, depth + 1);
    return;
  }
  if (!value.is_object()) return;
  for (const ucl::Member& member : value.members()) {
    const std::string path = field.empty() ? member.key : field + "." + member.key;
    if (member.key.size() > kMaxKey) {
      sink.error(member.key_loc, field,
                 "this key is " + std::to_string(member.key.size()) +
                     " bytes long; keys are at most " + std::to_string(kMaxKey) + " bytes");
      continue;
    }
    walk(sink, *member.value, path, long_ok || long_strings_allowed(member.key), depth + 1);
  }
}

bool release_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

void check_sizes(Sink& sink, const ucl::Value& root) { walk(sink, root, "", false, 0); }

std::optional<std::string> get_release(Sink& sink, const ucl::Value& body, const Scope& scope) {
  std::optional<std::string> release = get_string(sink, body, "release", scope);
  if (!release) return release;
  const ucl::Value& value = *body.find("release");
  if (release->size() > 64 || release->front() == '.' || release->front() == '-' ||
      !std::all_of(release->begin(), release->end(), release_char)) {
    sink.error(value.loc(), scope.at("release"),
               "`release` must be a release name (at most 64 letters, digits, '.', '_' or '-', "
               "not starting with '.' or '-')",
               "e.g. release = \"15.0-RELEASE\" (FreeBSD) or \"debian-12\" (Linux)");
    return std::nullopt;
  }
  const std::vector<std::string>& known = sink.context().releases;
  if (!known.empty() && std::find(known.begin(), known.end(), *release) == known.end()) {
    sink.error(value.loc(), scope.at("release"),
               "release " + ticked(*release) + " is not available on this jail host",
               "releases here: " + join(known, ", "));
    return std::nullopt;
  }
  return release;
}

std::optional<std::string> get_mount_target(Sink& sink, const ucl::Value& body,
                                            std::string_view key, const Scope& scope) {
  std::optional<std::string> path = get_inner_path(sink, body, key, scope);
  if (!path) return path;
  for (std::string_view covered : {"/dev", "/proc", "/sys"}) {
    if (*path == covered || path->starts_with(std::string(covered) + "/")) {
      sink.error(body.find(key)->loc(), scope.at(key),
                 "cannot mount over " + ticked(*path) + ": " + std::string(covered) +
                     " is the jail's kernel file system",
                 "mount somewhere else, e.g. under /srv or /mnt");
      return std::nullopt;
    }
  }
  if (*path == "/") {
    sink.error(body.find(key)->loc(), scope.at(key),
               "cannot mount over the jail's root directory `/`",
               "mount somewhere else, e.g. under /srv or /mnt");
    return std::nullopt;
  }
  return path;
}

}  // namespace jrun::model::detail
