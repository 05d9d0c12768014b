#include "expected_json.h"

#include <cstdlib>
#include <stdexcept>

namespace jrun::ucl::testing {
namespace {

struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Reader {
 public:
  explicit Reader(const std::string& text) : s_(text) {}

  Value document() {
    Value v = value(0);
    blanks();
    if (i_ != s_.size()) fail("text after the document");
    return v;
  }
  std::size_t offset() const { return i_; }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw Bad(what); }
  void blanks() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool eat(char c) {
    blanks();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  void expect(char c) {
    if (!eat(c)) fail(std::string("expected '") + c + "'");
  }
  bool word(const std::string& w) {
    if (s_.compare(i_, w.size(), w) != 0) return false;
    i_ += w.size();
    return true;
  }

  Value value(int depth) {
    if (depth > 64) fail("too deep");
    blanks();
    if (i_ >= s_.size()) fail("unexpected end");
    char c = s_[i_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return Value::string(string(), {});
    if (word("true")) return Value::boolean(true, {});
    if (word("false")) return Value::boolean(false, {});
    if (word("null")) return Value::null({});
    return number();
  }

  Value object(int depth) {
    expect('{');
    Value v = Value::object({});
    if (eat('}')) return v;
    do {
      blanks();
      std::string key = string();
      expect(':');
      Value item = value(depth + 1);
      if (key == "@time") {
        if (!item.is_number() || !eat('}')) fail("@time takes one number");
        return Value::time(item.as_number(), {});
      }
      if (v.find(key)) fail("duplicate key " + key);
      v.add_member(key, {}, std::move(item));
    } while (eat(','));
    expect('}');
    return v;
  }

  Value array(int depth) {
    expect('[');
    Value v = Value::array({});
    if (eat(']')) return v;
    do v.items().push_back(value(depth + 1));
    while (eat(','));
    expect(']');
    return v;
  }

  Value number() {
    std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    bool is_float = false;
    while (i_ < s_.size() && std::string("0123456789.eE+-").find(s_[i_]) != std::string::npos) {
      if (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E') is_float = true;
      ++i_;
    }
    std::string text = s_.substr(start, i_ - start);
    if (text.empty() || text == "-") fail("expected a value");
    char* end = nullptr;
    if (!is_float) {
      long long n = std::strtoll(text.c_str(), &end, 10);
      if (*end != '\0') fail("bad integer " + text);
      return Value::integer(n, {});
    }
    double d = std::strtod(text.c_str(), &end);
    if (*end != '\0') fail("bad number " + text);
    return Value::floating(d, {});
  }

  std::string string() {
    if (i_ >= s_.size() || s_[i_] != '"') fail("expected a string");
    std::string out;
    for (++i_; i_ < s_.size() && s_[i_] != '"'; ++i_) {
      if (static_cast<unsigned char>(s_[i_]) < 0x20) fail("control character in a string");
      if (s_[i_] != '\\') {
        out += s_[i_];
        continue;
      }
      if (++i_ >= s_.size()) break;
      out += escape();
    }
    if (i_ >= s_.size()) fail("unterminated string");
    ++i_;
    return out;
  }

  std::string escape() {
    switch (s_[i_]) {
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case 'r':
        return "\r";
      case 'b':
        return "\b";
      case 'f':
        return "\f";
      case '"':
      case '\\':
      case '/':
        return std::string(1, s_[i_]);
      case 'u':
        return utf8(code_unit());
    }
    fail("bad escape");
  }

  unsigned code_unit() {
    if (i_ + 4 >= s_.size()) fail("short \\u escape");
    unsigned u = static_cast<unsigned>(std::stoul(s_.substr(i_ + 1, 4), nullptr, 16));
    i_ += 4;
    return u;
  }

  static std::string utf8(unsigned cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) throw Bad("surrogates are not used in expectations");
    std::string out;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<Value> read_expected_json(const std::string& text, std::string* error) {
  Reader reader(text);
  try {
    return reader.document();
  } catch (const Bad& bad) {
    if (error) *error = "offset " + std::to_string(reader.offset()) + ": " + bad.what();
    return std::nullopt;
  }
}

}  // namespace jrun::ucl::testing
