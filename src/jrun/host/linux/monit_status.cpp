// Parser of `monit status` output (monit 5.33).

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "jrun/base/strings.h"
#include "jrun/host/linux/supervision.h"

namespace jrun::host::linux_driver {
namespace {

struct Block {
  std::string type;  // "Process", "Program", "System", ...
  std::string name;
  std::string status;  // monit's words, as printed
  std::string exit;    // a program's "last exit value", "" before its first run
};

// "Process 'web'" → {Process, web}; false for any other line.
bool parse_header(std::string_view line, Block& block) {
  const std::size_t space = line.find(" '");
  if (space == std::string_view::npos || line.size() < space + 3 || line.back() != '\'') {
    return false;
  }
  const std::string_view type = line.substr(0, space);
  const std::string_view name = line.substr(space + 2, line.size() - space - 3);
  static constexpr std::string_view kTypes[] = {
      "Process", "Program", "System", "File", "Filesystem", "Directory", "Fifo", "Host", "Net"};
  bool ok =
      !name.empty() && std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
  for (const char c : name) {
    ok = ok &&
         (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.');
  }
  if (ok) block = {std::string(type), std::string(name), "", ""};
  return ok;
}

std::vector<Block> parse_blocks(std::string_view text) {
  std::vector<Block> blocks;
  for (const std::string& line : split(text, '\n')) {
    Block header;
    if (parse_header(line, header)) {
      blocks.push_back(header);
      continue;
    }
    // "  status                       OK" (only the first status line: "last output" and
    // other fields may carry program output).
    std::string_view field = trim(line);
    if (blocks.empty()) continue;
    if (blocks.back().exit.empty() && line.rfind("  last exit value ", 0) == 0) {
      blocks.back().exit = std::string(trim(field.substr(15)));
    }
    if (!blocks.back().status.empty() || line.rfind("  status ", 0) != 0) continue;
    blocks.back().status = std::string(trim(field.substr(6)));
  }
  return blocks;
}

bool program_ok(const std::string& status) { return status == "OK" || status == "Status ok"; }

}  // namespace

std::vector<ServiceStatus> parse_monit_status(std::string_view text) {
  const std::vector<Block> blocks = parse_blocks(text);
  std::map<std::string, Block> health;  // exec → its <exec>_health program
  for (const Block& block : blocks) {
    if (block.type == "Program" && block.name.ends_with("_health")) {
      health[block.name.substr(0, block.name.size() - 7)] = block;
    }
  }
  std::vector<ServiceStatus> out;
  for (const Block& block : blocks) {
    if (block.type != "Process") continue;
    ServiceStatus service{block.name, to_lower(block.status), block.status == "OK"};
    const auto check = health.find(block.name);
    if (service.healthy && check != health.end() && !program_ok(check->second.status)) {
      service.healthy = false;
      service.status = "health: " + to_lower(check->second.status);
    } else if (service.healthy && check != health.end() && check->second.exit != "0") {
      // monit keeps a program "OK" until `retries` checks failed in a row: healthy means the
      // last check passed, and a check that has not run yet has not passed.
      service.healthy = false;
      service.status = check->second.exit.empty()
                           ? "health: pending"
                           : "health: failing (exit " + check->second.exit + ")";
    }
    out.push_back(service);
  }
  return out;
}

}  // namespace jrun::host::linux_driver
