// Recursive descent over a Lexer: documents, objects, members, values.
#include "jrun/ucl/parser.h"

#include <iterator>
#include <optional>
#include <utility>

#include "jrun/ucl/parser_impl.h"

namespace jrun::ucl::detail {

namespace {
std::string position(const Location& loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}
}  // namespace

FileParser::FileParser(Context& ctx, std::uint32_t file, std::size_t begin, std::size_t end,
                       ChunkState state)
    : ctx_(ctx),
      file_(file),
      text_(ctx.sources.file(file).text),
      lex_(text_, begin, end, file, &ctx.diagnostics),
      state_(state) {}

bool FileParser::check_depth(int depth) {
  if (depth <= ctx_.options.max_depth) return true;
  return lex_.fail(lex_.pos(), "nesting too deep (more than " +
                                   std::to_string(ctx_.options.max_depth) + " levels)");
}

bool FileParser::parse_document(Value* root) {
  if (!lex_.skip_blanks(true)) return false;
  std::size_t start = lex_.pos();
  if (lex_.peek() == '[') {
    if (!parse_container(root, 1)) return false;
  } else {
    // Members go straight into the root (not via parse_object): `.inherit` reads the root
    // while it is being filled.
    bool braced = lex_.peek() == '{';
    if (braced && !check_depth(1)) return false;
    *root = Value::object(lex_.loc(start));
    if (braced) lex_.set_pos(start + 1);
    if (!parse_object_body(root, braced ? '}' : '\0', start, 1)) return false;
  }
  if (!lex_.skip_blanks(true)) return false;
  if (lex_.eof()) return true;
  return lex_.fail(
      lex_.pos(), "unexpected " + describe_char(lex_.current()) + " after the end of the document");
}

bool FileParser::parse_into(Value* object) {
  if (!lex_.skip_blanks(true)) return false;
  if (lex_.peek() == '{') {
    std::size_t open = lex_.pos();
    lex_.set_pos(open + 1);
    if (!parse_object_body(object, '}', open, 1)) return false;
    if (!lex_.skip_blanks(true)) return false;
    if (lex_.eof()) return true;
    return lex_.fail(lex_.pos(), "unexpected " + describe_char(lex_.current()) +
                                     " after the end of the document");
  }
  return parse_object_body(object, '\0', lex_.pos(), 1);
}

bool FileParser::parse_object_body(Value* object, char close, std::size_t open, int depth) {
  while (true) {
    if (!lex_.skip_blanks(true)) return false;
    std::optional<char> c = lex_.current();
    if (!c) {
      if (close == '\0') return true;
      return lex_.fail(lex_.pos(),
                       "expected `}` to close the object opened at " + position(lex_.loc(open)));
    }
    if (close != '\0' && *c == close) {
      lex_.set_pos(lex_.pos() + 1);
      return true;
    }
    if (*c == '}' || *c == ']') {
      return lex_.fail(
          lex_.pos(), "unexpected " + describe_char(c),
          close == '}' ? "the object opened at " + position(lex_.loc(open)) + " is closed with `}`"
                       : "");
    }
    bool ok = *c == '.' ? parse_macro(object) : parse_member(object, depth);
    if (!ok || !parse_separator(close)) return false;
  }
}

bool FileParser::parse_separator(char close) {
  // As libucl, a closing `}` or `]` is itself a separator: `a {x=1} b {y=2}`.
  std::size_t pos = lex_.pos();
  bool separated = pos > 0 && (text_[pos - 1] == '}' || text_[pos - 1] == ']');
  while (true) {
    if (!lex_.skip_blanks(true, &separated)) return false;
    char c = lex_.peek();
    if (lex_.eof() || (close != '\0' && c == close) || c == '}' || c == ']') return true;
    if (c != ';' && c != ',') break;
    separated = true;
    lex_.set_pos(lex_.pos() + 1);
  }
  if (separated) return true;
  return lex_.fail(lex_.pos(), "missing separator before " + describe_char(lex_.current()),
                   "separate entries with `;`, `,` or a line break");
}

bool FileParser::parse_member(Value* object, int depth) {
  std::size_t key_at = lex_.pos();
  Location key_loc = lex_.loc(key_at);
  std::string key;
  if (!lex_.lex_key(&key)) return false;
  if (!lex_.skip_blanks(false)) return false;
  bool separator = lex_.peek() == '=' || lex_.peek() == ':';
  if (separator) lex_.set_pos(lex_.pos() + 1);
  if (!lex_.skip_blanks(true)) return false;
  char next = lex_.peek();
  if (lex_.eof() || next == ';' || next == ',' || next == '}' || next == ']') {
    return lex_.fail(lex_.pos(), "missing value for key `" + key + "`",
                     "write `" + key + " = value;`");
  }
  Value value;
  // `.inherit` of the top-level section being read finds that section (libucl has already
  // put it into the top object at this point).
  std::optional<std::string> outer_key;
  if (object == ctx_.root) outer_key = std::exchange(ctx_.root_key, key);
  bool parsed = parse_member_value(&value, separator, depth);
  if (outer_key) ctx_.root_key = std::move(*outer_key);
  if (!parsed) return false;
  return insert(object, std::move(key), key_loc, std::move(value));
}

bool FileParser::parse_member_value(Value* value, bool separator, int depth) {
  if (!separator && nested_key_follows()) {
    // `a b c { }` is a { b { c { } } } (libucl's named sections).
    if (!check_depth(depth + 1)) return false;
    *value = Value::object(lex_.here());
    return parse_member(value, depth + 1);
  }
  return parse_value(value, depth);
}

bool FileParser::nested_key_follows() const {
  // libucl looks ahead on the rest of the line: a `{` or `[` there (not right here) means
  // the next word is another key. Quoted text is skipped, unlike libucl (see docs/ucl.md).
  std::size_t end = lex_.end();
  std::size_t i = lex_.pos();
  if (i >= end || text_[i] == '{' || text_[i] == '[') return false;
  while (i < end) {
    char c = text_[i];
    if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '#') return false;
    if (c == '{' || c == '[') return true;
    if (c == '"' || c == '\'') {
      for (++i; i < end && text_[i] != c && text_[i] != '\n'; ++i) {
        if (text_[i] == '\\') ++i;
      }
    }
    ++i;
  }
  return false;
}

bool FileParser::parse_value(Value* out, int depth) {
  if (!lex_.skip_blanks(true)) return false;
  char c = lex_.peek();
  if (lex_.eof()) return lex_.fail(lex_.pos(), "expected a value, found end of file");
  switch (c) {
    case '"':
    case '\'':
      return parse_string(out);
    case '{':
    case '[':
      return parse_container(out, depth + 1);
    case '}':
    case ']':
    case ';':
    case ',':
      return lex_.fail(lex_.pos(), "expected a value, found " + describe_char(c));
    default:
      return parse_atom(out);
  }
}

bool FileParser::parse_container(Value* out, int depth) {
  if (!check_depth(depth)) return false;
  return lex_.peek() == '[' ? parse_array(out, depth) : parse_object(out, depth);
}

bool FileParser::parse_object(Value* out, int depth) {
  std::size_t open = lex_.pos();
  Location loc = lex_.loc(open);
  lex_.set_pos(open + 1);
  Value body = ctx_.spare_objects.take();
  if (!body.is_object()) body = Value::object({});
  bool ok = parse_object_body(&body, '}', open, depth);
  std::vector<Member>& members = body.members();
  if (ok) {
    *out = Value::object(loc, std::vector<Member>(std::make_move_iterator(members.begin()),
                                                  std::make_move_iterator(members.end())));
  }
  members.clear();
  ctx_.spare_objects.give_back(std::move(body));
  return ok;
}

bool FileParser::parse_array(Value* out, int depth) {
  std::size_t open = lex_.pos();
  Location loc = lex_.loc(open);
  lex_.set_pos(open + 1);
  std::vector<Value> items = ctx_.spare_items.take();
  bool ok = parse_array_items(&items, open, depth);
  if (ok) {
    *out = Value::array(loc, std::vector<Value>(std::make_move_iterator(items.begin()),
                                                std::make_move_iterator(items.end())));
  }
  items.clear();
  ctx_.spare_items.give_back(std::move(items));
  return ok;
}

bool FileParser::parse_array_items(std::vector<Value>* items, std::size_t open, int depth) {
  while (true) {
    if (!lex_.skip_blanks(true)) return false;
    if (lex_.eof()) {
      return lex_.fail(lex_.pos(),
                       "expected `]` to close the array opened at " + position(lex_.loc(open)));
    }
    if (lex_.peek() == ']') {
      lex_.set_pos(lex_.pos() + 1);
      return true;
    }
    if (lex_.peek() == '}') {
      return lex_.fail(lex_.pos(), "unexpected `}`",
                       "the array opened at " + position(lex_.loc(open)) + " is closed with `]`");
    }
    Value& item = items->emplace_back();
    if (!parse_value(&item, depth)) return false;
    item.set_priority(state_.priority);
    if (!parse_separator(']')) return false;
  }
}

bool FileParser::parse_string(Value* out) {
  Location loc = lex_.here();
  std::string s;
  bool dollar = false;
  bool ok = lex_.peek() == '"' ? lex_.lex_double_quoted(&s, &dollar) : lex_.lex_single_quoted(&s);
  if (!ok) return false;
  *out = Value::string(dollar ? expand_variables(s, ctx_.variables) : std::move(s), loc);
  return true;
}

bool FileParser::parse_atom(Value* out) {
  Location loc = lex_.here();
  if (lex_.peek() == '<' && lex_.peek(1) == '<') {
    std::string s;
    bool dollar = false;
    bool matched = false;
    if (!lex_.lex_heredoc(&s, &dollar, &matched)) return false;
    if (matched) {
      *out = Value::string(dollar ? expand_variables(s, ctx_.variables) : std::move(s), loc);
      return true;
    }
  }
  auto [start, stop] = lex_.lex_atom();
  if (start == stop) {
    return lex_.fail(start, "expected a value, found " + describe_char(lex_.current()));
  }
  std::string_view text = lex_.slice(start, stop);
  char first = text[0];
  if ((first >= '0' && first <= '9') || first == '-') {
    bool out_of_range = false;
    if (std::optional<Value> number = parse_number(text, loc, &out_of_range)) {
      *out = std::move(*number);
      return true;
    }
    if (out_of_range) return lex_.fail(start, "numeric value out of range");
  }
  if (std::optional<Value> keyword = parse_keyword(text, loc)) {
    *out = std::move(*keyword);
    return true;
  }
  std::string s =
      text.find('\\') == std::string_view::npos ? std::string(text) : unescape_atom(text);
  if (s.find('$') != std::string::npos) s = expand_variables(s, ctx_.variables);
  *out = Value::string(std::move(s), loc);
  return true;
}

}  // namespace jrun::ucl::detail
