// libucl macros: .include / .try_include (with libucl's parameters), .priority, .inherit
// (.load is in load_macro.cpp).
#include <utility>

#include "jrun/base/path.h"
#include "jrun/base/strings.h"
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
  if (name == "inherit") return run_inherit(object, params, argument, at);
  if (name == "load") return run_load(object, params, argument, at);
  return lex_.fail(at, "unknown macro `." + name + "`",
                   "jrun knows .include, .try_include, .priority, .inherit and .load");
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
  // Like libucl, an included file starts at priority 0 with the append strategy, whatever the
  // including file uses.
  ChunkState state{0, DuplicateStrategy::kAppend};
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
  std::string path = resolve_path(dir_name(ctx_.sources.file(file_).path), pattern, "");
  if (!param_bool(params, "glob", false)) {
    return include_one(object, params, path, state, at, must_exist);
  }
  Result<std::vector<std::string>> matches = ctx_.options.fs->glob(path);
  if (!matches) return lex_.fail(at, "cannot expand `" + path + "`: " + matches.error().message);
  if (matches->empty() && must_exist) {
    return lex_.fail(at, "no file matches `" + path + "`",
                     "use `.include(glob=true,try=true)` to allow no match");
  }
  for (const std::string& match : *matches) {
    if (!include_one(object, params, match, state, at, must_exist)) return false;
  }
  return true;
}

bool FileParser::include_one(Value* object, const Value& params, const std::string& path,
                             ChunkState state, std::size_t at, bool must_exist) {
  if (!must_exist && !ctx_.options.fs->exists(path)) return true;
  Value* target = include_target(object, params, path, state.priority, at);
  return target != nullptr && include_file(target, path, state, at, must_exist);
}

// libucl's `prefix`, `key` and `target` (ucl_include_file): with `prefix = true` or a `key`,
// the file's keys go into the object under that key (default: the file's name without
// .conf/.ucl); `target = "array"` makes the key an array with one new object per include.
Value* FileParser::include_target(Value* object, const Value& params, const std::string& path,
                                  unsigned priority, std::size_t at) {
  const Value* key_param = params.find("key");
  std::string key = key_param && key_param->is_string() ? key_param->as_string() : "";
  if (key.empty() && !param_bool(params, "prefix", false)) return object;
  if (key.empty()) key = base_name(path);
  for (std::string_view ext : {".conf", ".ucl"}) {
    if (key_param == nullptr && key.size() > ext.size() && key.ends_with(ext)) {
      key.resize(key.size() - ext.size());
    }
  }
  const Value* target_param = params.find("target");
  const bool array =
      target_param && target_param->is_string() && to_lower(target_param->as_string()) == "array";
  Value fresh = Value::object(lex_.loc(at));
  fresh.set_priority(priority);
  Member* m = object->find_member(key);
  if (m == nullptr) {
    Value value = std::move(fresh);
    if (array) {
      Value list = Value::array(lex_.loc(at));
      list.items().push_back(std::move(value));
      value = std::move(list);
    }
    value.set_priority(priority);
    m = &object->add_member(key, lex_.loc(at), std::move(value));
    return array ? &m->value->items().back() : m->value.get();
  }
  if (array) {
    if (!m->value->is_array()) {
      Value list = Value::array(m->value->loc());
      list.items().push_back(std::move(*m->value));
      *m->value = std::move(list);
    }
    m->value->items().push_back(std::move(fresh));
    return &m->value->items().back();
  }
  if (m->value->is_object() && !m->value->implicit_array()) return m->value.get();
  lex_.fail(at, "cannot include into `" + key + "`: it is not an object",
            "use target = \"array\" to collect includes in an array");
  return nullptr;
}

Result<std::string> FileParser::read_source(const std::string& path) const {
  return ctx_.options.fs->read_regular_file(path, ctx_.options.max_file_bytes);
}

/// One problem for an include loop, at the `.include` that closes it, with the chain as notes.
bool FileParser::report_loop(std::size_t first, const std::string& path, std::size_t at) {
  std::string notes = "a file may not include itself, directly or through others";
  const auto& chain = ctx_.include_chain;
  for (std::size_t i = first + 1; i < chain.size(); ++i) {
    notes += "\n  = note: " + format_location(ctx_.sources, chain[i].second) + ": `" +
             chain[i - 1].first + "` includes `" + chain[i].first + "`";
  }
  notes += "\n  = note: " + format_location(ctx_.sources, lex_.loc(at)) + ": `" +
           chain.back().first + "` includes `" + path + "` again";
  ctx_.diagnostics.push_back(
      Diagnostic{lex_.loc(at), "", "include loop: `" + path + "` includes itself", notes});
  ctx_.loop_reported = true;
  return false;
}

bool FileParser::include_file(Value* target, const std::string& path, ChunkState state,
                              std::size_t at, bool must_exist) {
  for (std::size_t i = 0; i < ctx_.include_chain.size(); ++i) {
    if (ctx_.include_chain[i].first == path) return report_loop(i, path, at);
  }
  if (ctx_.include_depth >= ctx_.options.max_include_depth) {
    return lex_.fail(at, "includes nested too deeply (more than " +
                             std::to_string(ctx_.options.max_include_depth) + " levels)");
  }
  Result<std::string> text = read_source(path);
  if (!text) {
    if (!must_exist) return true;
    return lex_.fail(at, "cannot include `" + path + "`: " + text.error().message,
                     "use `.include(try=true)` to ignore a missing file");
  }
  const std::string& top = ctx_.top_dir;
  const bool inside = top == "." ? path.front() != '/' && !has_dot_dot(path)
                                 : path.starts_with(top == "/" ? top : top + "/");
  std::uint32_t file = ctx_.sources.add(path, std::move(*text), inside);
  ++ctx_.include_depth;
  ctx_.include_chain.emplace_back(path, lex_.loc(at));
  bool ok = parse_source(ctx_, file, target, true, state);
  ctx_.include_chain.pop_back();
  --ctx_.include_depth;
  if (!ok && !ctx_.loop_reported) lex_.fail(at, "included from here");
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

// libucl's `.inherit` (ucl_inherit_handler): copies the members of a top-level section that
// the current object does not have; with `replace = true` all of them, a key the object has
// then holding both values (an implicit array), none marked inherited. A repeated
// section gives its first value; the section being read inheriting itself changes nothing.
bool FileParser::run_inherit(Value* object, const Value& params, const std::string& name,
                             std::size_t at) {
  const Value* parent = ctx_.root && ctx_.root->is_object() ? ctx_.root->find(name) : nullptr;
  if (parent == nullptr && name == ctx_.root_key) return true;
  if (parent != nullptr && parent->implicit_array() && !parent->items().empty()) {
    parent = &parent->items().front();
  }
  if (parent == nullptr) return lex_.fail(at, "cannot inherit `" + name + "`: no such section");
  if (!parent->is_object()) {
    return lex_.fail(at, "cannot inherit `" + name + "`: it is not an object");
  }
  if (parent == object) return true;
  const bool replace = param_bool(params, "replace", false);
  for (const Member& m : parent->members()) {
    Member* existing = object->find_member(m.key);
    if (existing != nullptr && !replace) continue;
    Value copy(*m.value);
    copy.set_inherited(!replace);
    if (existing != nullptr) {
      append_same_priority(existing->value.get(), std::move(copy));  // libucl: DL_CONCAT
    } else {
      object->add_member(m.key, m.key_loc, std::move(copy));
    }
  }
  return true;
}

}  // namespace jrun::ucl::detail
