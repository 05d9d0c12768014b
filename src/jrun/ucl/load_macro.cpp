// libucl's `.load` macro (ucl_load_handler): a file's content as one value under a key of the
// current object.
//
//   .load(key = "motd"; target = "string"; trim = true; escape = false; try = false;
//         priority = 1) "motd.txt"
//
// `key` is required and must not exist yet; `target` is "string" (default) or "int" (the
// content read as a decimal integer, like strtoll: leading blanks, a sign, digits, the rest
// ignored, 0 when there are none); `trim` drops blanks and line breaks at both ends; `escape`
// stores the text with JSON escapes (\n, \t, \", \\, ...); `multiline` only changes how libucl
// prints the value and is accepted and ignored.

#include <cstdint>
#include <cstdio>
#include <string>

#include "jrun/base/path.h"
#include "jrun/ucl/parser_impl.h"

namespace jrun::ucl::detail {
namespace {

bool flag(const Value& params, std::string_view key) {
  const Value* v = params.find(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string trimmed(const std::string& text) {
  std::size_t start = 0, end = text.size();
  while (start < end && blank(text[start])) ++start;
  while (end > start && blank(text[end - 1])) --end;
  return text.substr(start, end - start);
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

/// strtoll(3) base 10 without its locale and errno: saturates instead of overflowing.
std::int64_t leading_integer(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && blank(text[i])) ++i;
  bool negative = i < text.size() && text[i] == '-';
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::int64_t value = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    int digit = text[i] - '0';
    if (value > (INT64_MAX - digit) / 10) return negative ? INT64_MIN : INT64_MAX;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

}  // namespace

bool FileParser::run_load(Value* object, const Value& params, const std::string& path,
                          std::size_t at) {
  const Value* key = params.find("key");
  if (key == nullptr || !key->is_string() || key->as_string().empty()) {
    return lex_.fail(at, "`.load` needs a key", "write `.load(key = \"name\") \"file\"`");
  }
  const Value* target = params.find("target");
  const std::string kind = target && target->is_string() ? target->as_string() : "string";
  if (kind != "string" && kind != "int") {
    return lex_.fail(at, "unknown `.load` target `" + kind + "`", "use \"string\" or \"int\"");
  }
  if (path.empty()) return lex_.fail(at, "`.load` needs a file name");
  if (ctx_.options.fs == nullptr) return lex_.fail(at, "cannot load files here");
  const std::string file = resolve_path(dir_name(ctx_.sources.file(file_).path), path, "");
  Result<std::string> text = read_source(file);
  if (!text) {
    if (flag(params, "try")) return true;
    return lex_.fail(at, "cannot load `" + file + "`: " + text.error().message,
                     "use `.load(try=true)` to ignore a missing file");
  }
  if (object->find_member(key->as_string()) != nullptr) {
    return lex_.fail(at, "cannot load into `" + key->as_string() + "`: the key exists already");
  }
  std::string content = flag(params, "trim") ? trimmed(*text) : std::move(*text);
  if (flag(params, "escape")) content = escaped(content);
  Value value = kind == "int" ? Value::integer(leading_integer(content), lex_.loc(at))
                              : Value::string(std::move(content), lex_.loc(at));
  std::int64_t priority = 0;
  if (const Value* p = params.find("priority"); p && p->is_int()) priority = p->as_int();
  if (priority < 0 || priority > 15) return lex_.fail(at, "load priority must be between 0 and 15");
  value.set_priority(static_cast<unsigned>(priority));
  object->add_member(key->as_string(), lex_.loc(at), std::move(value));
  return true;
}

}  // namespace jrun::ucl::detail
