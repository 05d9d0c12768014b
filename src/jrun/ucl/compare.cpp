// Tree equivalence for conformance tests: type-exact, every type handled.
#include <cmath>
#include <unordered_map>

#include "jrun/base/strings.h"
#include "jrun/ucl/emit.h"

namespace jrun::ucl {

namespace {

bool differ(std::string* why, const std::string& path, const std::string& what) {
  if (why) *why = (path.empty() ? std::string("<root>") : path) + ": " + what;
  return false;
}

bool numbers_equal(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::fmax(std::fabs(a), std::fabs(b));
}

std::string describe(const Value& v) {
  std::string s(type_name(v.type()));
  if (v.is_string()) s += " \"" + v.as_string() + "\"";
  if (v.is_number()) s += " " + std::to_string(v.as_number());
  if (v.is_bool()) s += v.as_bool() ? " true" : " false";
  return s;
}

bool same(const Value& a, const Value& b, bool ci, const std::string& path, std::string* why);

bool same_arrays(const Value& a, const Value& b, bool ci, const std::string& path,
                 std::string* why) {
  if (a.size() != b.size()) {
    return differ(why, path,
                  "array of " + std::to_string(a.size()) + " items vs " + std::to_string(b.size()));
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a.items()[i], b.items()[i], ci, path + "[" + std::to_string(i) + "]", why)) {
      return false;
    }
  }
  return true;
}

bool same_objects(const Value& a, const Value& b, bool ci, const std::string& path,
                  std::string* why) {
  if (a.size() != b.size()) {
    return differ(why, path,
                  "object of " + std::to_string(a.size()) + " keys vs " + std::to_string(b.size()));
  }
  std::unordered_map<std::string, const Value*> by_key;
  for (const Member& m : b.members()) by_key.emplace(ci ? to_lower(m.key) : m.key, m.value.get());
  for (const Member& m : a.members()) {
    auto it = by_key.find(ci ? to_lower(m.key) : m.key);
    std::string sub = path.empty() ? m.key : path + "." + m.key;
    if (it == by_key.end()) return differ(why, sub, "missing on the right");
    if (!same(*m.value, *it->second, ci, sub, why)) return false;
  }
  return true;
}

// Type-exact: an integer never equals a float or a duration of the same value, so a parser
// that reads `5s` or `1.0` as an integer fails the conformance suite.
bool same(const Value& a, const Value& b, bool ci, const std::string& path, std::string* why) {
  if (a.type() != b.type()) return differ(why, path, describe(a) + " vs " + describe(b));
  switch (a.type()) {
    case Type::kNull:
      return true;
    case Type::kBool:
      return a.as_bool() == b.as_bool() || differ(why, path, describe(a) + " vs " + describe(b));
    case Type::kInt:
      return a.as_int() == b.as_int() || differ(why, path, describe(a) + " vs " + describe(b));
    case Type::kFloat:
    case Type::kTime:
      return numbers_equal(a.as_number(), b.as_number()) ||
             differ(why, path, describe(a) + " vs " + describe(b));
    case Type::kString:
      return a.as_string() == b.as_string() ||
             differ(why, path, describe(a) + " vs " + describe(b));
    case Type::kArray:
      return same_arrays(a, b, ci, path, why);
    case Type::kObject:
      return same_objects(a, b, ci, path, why);
  }
  return differ(why, path, "unknown type");
}

}  // namespace

bool equivalent(const Value& a, const Value& b, bool keys_case_insensitive, std::string* why) {
  return same(a, b, keys_case_insensitive, "", why);
}

}  // namespace jrun::ucl
