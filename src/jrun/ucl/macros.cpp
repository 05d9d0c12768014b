// libucl macros: .include / .try_include (with libucl's parameters), .priority, .inherit.
#include <utility>

#include "jrun/base/path.h"
#include "jrun/ucl/parser_impl.h"

namespace jrun::ucl::detail {

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool param_bool(const Value& params, std::string_view key, bool fallback) {
  const Value* v = params.find(key);
  return v && v->is_bool() ? v->as_bool() : fallback;
}

std::optional<DuplicateStrategy> strategy_named(std::string_view name) {
  if (name == "append") return DuplicateStrategy::kAppend;
  if (name == "merge") return DuplicateStrategy::kMerge;
  if (name == "error") return DuplicateStrategy::kError;
  if (name == "rewrite") return DuplicateStrategy::kRewrite;
  return std::nullopt;
}

}  // namespace

bool FileParser::parse_macro(Value* object) {
  std::size_t at = lex_.pos();
  std::size_t name_end = at + 1;
  while (name_end < lex_.end() && is_name_char(text_[name_end])) ++name_end;
  std::string name(lex_.slice(at + 1, name_end));
  lex_.set_pos(name_end);
  if (!lex_.skip_blanks(false)) return false;
  Value params = Value::object(lex_.here());
  if (lex_.peek() == '(' && !parse_macro_params(&params)) return false;
  std::string argument;
  if (!parse_macro_argument(&argument)) return false;
  if (name == "include" || name == "try_include" || name == "includes") {
    return run_include(object, params, argument, at, name != "try_include");
  }
  if (name == "priority") return run_priority(params, argument, at);
  if (name == "inherit") return run_inherit(object, argument, at);
  return lex_.fail(at, "unknown macro `." + name + "`",
                   "jrun knows .include, .try_include, .priority and .inherit");
}

bool FileParser::parse_macro_params(Value* params) {
  std::size_t open = lex_.pos();
  std::size_t i = open + 1;
  int depth = 1;
  for (; i < lex_.end() && depth > 0; ++i) {
    char c = text_[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == '"') {
      for (++i; i < lex_.end() && text_[i] != '"'; ++i) {
        if (text_[i] == '\\') ++i;
      }
    }
  }
  if (depth > 0) return lex_.fail(open, "unterminated macro parameters: missing `)`");
  FileParser sub(ctx_, file_, open + 1, i - 1, ChunkState{});
  if (!sub.parse_into(params)) {
    lex_.fail(open, "invalid macro parameters");
    return false;
  }
  lex_.set_pos(i);
  return lex_.skip_blanks(false);
}

bool FileParser::parse_macro_argument(std::string* out) {
  char c = lex_.peek();
  bool dollar = false;
  if (c == '"') {
    if (!lex_.lex_double_quoted(out, &dollar)) return false;
  } else if (c == '\'') {
    return lex_.lex_single_quoted(out);
  } else {
    auto [start, stop] = lex_.lex_atom();
    *out = std::string(lex_.slice(start, stop));
  }
  *out = expand_variables(*out, ctx_.variables);
  return true;
}

bool FileParser::run_include(Value* object, const Value& params, const std::string& pattern,
                             std::size_t at, bool must_exist) {
  if (pattern.empty()) return lex_.fail(at, "`.include` needs a file name");
  if (ctx_.options.fs == nullptr) return lex_.fail(at, "cannot include files here");
  must_exist = must_exist && !param_bool(params, "try", false);
  ChunkState state{0, state_.duplicate};
  if (const Value* p = params.find("priority"); p && p->is_int()) {
    if (p->as_int() < 0 || p->as_int() > 15) {
      return lex_.fail(at, "include priority must be between 0 and 15");
    }
    state.priority = static_cast<unsigned>(p->as_int());
  }
  if (const Value* d = params.find("duplicate"); d && d->is_string()) {
    std::optional<DuplicateStrategy> strategy = strategy_named(d->as_string());
    if (!strategy) {
      return lex_.fail(at, "unknown duplicate strategy `" + d->as_string() + "`",
                       "use append, merge, error or rewrite");
    }
    state.duplicate = *strategy;
  }
  Value* target = object;
  if (const Value* prefix = params.find("prefix"); prefix && prefix->is_string()) {
    Member* m = object->find_member(prefix->as_string());
    if (m == nullptr) {
      m = &object->add_member(prefix->as_string(), lex_.loc(at), Value::object(lex_.loc(at)));
    }
    if (!m->value->is_object()) return lex_.fail(at, "include prefix is not an object");
    target = m->value.get();
  }
  std::string path = resolve_path(dir_name(ctx_.sources.file(file_).path), pattern, "");
  if (!param_bool(params, "glob", false)) return include_file(target, path, state, at, must_exist);
  Result<std::vector<std::string>> matches = ctx_.options.fs->glob(path);
  if (!matches) return lex_.fail(at, "cannot expand `" + path + "`: " + matches.error().message);
  if (matches->empty() && must_exist) {
    return lex_.fail(at, "no file matches `" + path + "`",
                     "use `.include(glob=true,try=true)` to allow no match");
  }
  for (const std::string& match : *matches) {
    if (!include_file(target, match, state, at, must_exist)) return false;
  }
  return true;
}

bool FileParser::include_file(Value* target, const std::string& path, ChunkState state,
                              std::size_t at, bool must_exist) {
  if (ctx_.include_depth >= ctx_.options.max_include_depth) {
    return lex_.fail(at,
                     "includes nested too deeply (more than " +
                         std::to_string(ctx_.options.max_include_depth) + " levels)",
                     "is a file including itself?");
  }
  Result<std::string> text = ctx_.options.fs->read_file(path);
  if (!text) {
    if (!must_exist) return true;
    return lex_.fail(at, "cannot include `" + path + "`: " + text.error().message,
                     "use `.include(try=true)` to ignore a missing file");
  }
  std::uint32_t file = ctx_.sources.add(path, std::move(*text));
  ++ctx_.include_depth;
  bool ok = parse_source(ctx_, file, target, true, state);
  --ctx_.include_depth;
  if (!ok) lex_.fail(at, "included from here");
  return ok;
}

bool FileParser::run_priority(const Value& params, const std::string& argument, std::size_t at) {
  std::int64_t priority = -1;
  if (const Value* p = params.find("priority"); p && p->is_int()) priority = p->as_int();
  bool out_of_range = false;
  if (std::optional<Value> v = parse_number(argument, Location{}, &out_of_range);
      v && v->is_int()) {
    priority = v->as_int();
  }
  if (priority < 0 || priority > 15) {
    return lex_.fail(at, "`.priority` needs a number between 0 and 15");
  }
  state_.priority = static_cast<unsigned>(priority);
  return true;
}

bool FileParser::run_inherit(Value* object, const std::string& name, std::size_t at) {
  const Value* parent = ctx_.root && ctx_.root->is_object() ? ctx_.root->find(name) : nullptr;
  if (parent == nullptr) return lex_.fail(at, "cannot inherit `" + name + "`: no such section");
  if (!parent->is_object()) {
    return lex_.fail(at, "cannot inherit `" + name + "`: it is not an object");
  }
  if (parent == object) return lex_.fail(at, "a section cannot inherit itself");
  for (const Member& m : parent->members()) {
    if (object->find_member(m.key) != nullptr) continue;
    Value copy(*m.value);
    copy.set_inherited(true);
    object->add_member(m.key, m.key_loc, std::move(copy));
  }
  return true;
}

}  // namespace jrun::ucl::detail
