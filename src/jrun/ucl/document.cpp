// Entry points: parse_file / parse_text, per-file variables, variable expansion.
#include <utility>

#include "jrun/base/path.h"
#include "jrun/ucl/parser.h"
#include "jrun/ucl/parser_impl.h"

namespace jrun::ucl {

namespace detail {

namespace {

/// Sets FILENAME and CURDIR for one file and puts the previous values back afterwards
/// (libucl's ucl_parser_set_filevars, called for every included file).
class FileVariables {
 public:
  FileVariables(VariableMap& variables, const std::string& path) : variables_(variables) {
    save("FILENAME", path);
    save("CURDIR", dir_name(path));
  }
  ~FileVariables() {
    for (auto& [name, value] : saved_) variables_[name] = std::move(value);
  }
  FileVariables(const FileVariables&) = delete;
  FileVariables& operator=(const FileVariables&) = delete;

 private:
  void save(const std::string& name, std::string value) {
    saved_.emplace_back(name, variables_[name]);
    variables_[name] = std::move(value);
  }
  VariableMap& variables_;
  std::vector<std::pair<std::string, std::string>> saved_;
};

std::size_t longest_variable(std::string_view rest, const VariableMap& variables,
                             const std::string** value) {
  std::size_t best = 0;
  for (const auto& [name, text] : variables) {
    if (name.size() > best && rest.substr(0, name.size()) == name) {
      best = name.size();
      *value = &text;
    }
  }
  return best;
}

}  // namespace

std::string expand_variables(std::string_view text, const VariableMap& variables) {
  bool found = false;
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t dollar = text.find('$', i);
    out.append(text.substr(i, dollar == std::string_view::npos ? dollar : dollar - i));
    if (dollar == std::string_view::npos) break;
    i = dollar + 1;
    if (i < text.size() && text[i] == '$') {
      out.push_back('$');
      ++i;
    } else if (i < text.size() && text[i] == '{') {
      std::size_t close = text.find('}', i + 1);
      auto it = close == std::string_view::npos ? variables.end()
                                                : variables.find(text.substr(i + 1, close - i - 1));
      if (it != variables.end()) {
        out += it->second;
        i = close + 1;
        found = true;
      } else {
        out += "${";
        ++i;
      }
    } else {
      const std::string* value = nullptr;
      std::size_t len = longest_variable(text.substr(i), variables, &value);
      if (len > 0)
        out += *value;
      else
        out.push_back('$');
      i += len;
      found = found || len > 0;
    }
  }
  // libucl (ucl_expand_variable) copies the text unchanged when it names no known variable:
  // `"$$ABI"` alone stays `$$ABI`, while `"$ABI$$"` is the value of ABI then `$`.
  return found ? out : std::string(text);
}

bool parse_source(Context& ctx, std::uint32_t file, Value* root, bool into, ChunkState state) {
  FileVariables vars(ctx.variables, ctx.sources.file(file).path);
  std::size_t size = ctx.sources.file(file).text.size();
  FileParser parser(ctx, file, 0, size, state);
  return into ? parser.parse_into(root) : parser.parse_document(root);
}

}  // namespace detail

namespace {

ParseResult parse_registered(std::uint32_t file, SourceMap& sources, const ParseOptions& options) {
  detail::Context ctx(sources, options);
  for (const auto& [name, value] : options.variables) {
    if (!name.empty()) ctx.variables[name] = value;
  }
  if (ctx.variables.find("CONFDIR") == ctx.variables.end()) {
    ctx.variables["CONFDIR"] = dir_name(sources.file(file).path);
  }
  const std::string& top = sources.file(file).path;
  // Normalised as include paths are, so a file including the top file is seen as a loop.
  ctx.include_chain.emplace_back(resolve_path(dir_name(top), base_name(top), ""), Location{});
  ctx.top_dir = dir_name(ctx.include_chain.front().first);
  Value root;
  ctx.root = &root;
  detail::ChunkState state{0, options.duplicate};
  bool ok = detail::parse_source(ctx, file, &root, false, state);
  ParseResult result;
  if (ok && ctx.diagnostics.empty()) result.root = std::move(root);
  result.diagnostics = std::move(ctx.diagnostics);
  return result;
}

}  // namespace

ParseResult parse_file(const std::string& path, SourceMap& sources, const ParseOptions& options) {
  if (options.fs == nullptr) {
    return ParseResult{std::nullopt, {Diagnostic{{}, "", "no file system to read " + path, ""}}};
  }
  Result<std::string> text = options.fs->read_regular_file(path, options.max_file_bytes);
  if (!text) {
    return ParseResult{std::nullopt, {Diagnostic{{}, "", text.error().message, ""}}};
  }
  std::uint32_t file = sources.add(path, std::move(*text));
  return parse_registered(file, sources, options);
}

ParseResult parse_text(const std::string& name, std::string text, SourceMap& sources,
                       const ParseOptions& options) {
  std::uint32_t file = sources.add(name, std::move(text));
  return parse_registered(file, sources, options);
}

}  // namespace jrun::ucl
