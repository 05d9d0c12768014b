#include "parse_helpers.h"

namespace jrun::ucl::testing {

std::string Parsed::error() const {
  if (result.diagnostics.empty()) return "";
  const Diagnostic& d = result.diagnostics.front();
  return std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " + d.message;
}

std::string Parsed::json() const {
  if (!ok()) return "<error: " + error() + ">";
  return to_json(root(), false);
}

Parsed parse(const std::string& text, const FakeFileSystem* fs, ParseOptions options,
             const std::string& name) {
  static const FakeFileSystem kEmpty;
  Parsed p;
  if (options.fs == nullptr) options.fs = fs ? fs : &kEmpty;
  p.result = parse_text(name, text, p.sources, options);
  return p;
}

}  // namespace jrun::ucl::testing
