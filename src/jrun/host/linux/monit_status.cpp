// Parser of `monit status` output (monit 5.33).

#include <algorithm>
#include <cctype>
#include <cstdlib>
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
  std::map<std::string, std::string> fields;  // "cpu total" → "0.3%", first occurrence
};

// The field of a "  key   value" line: the key ends at the first run of two spaces.
void parse_field(std::string_view line, Block& block) {
  if (!line.starts_with("  ")) return;
  const std::string_view body = line.substr(2);
  const std::size_t gap = body.find("  ");
  if (gap == std::string_view::npos) return;
  block.fields.emplace(std::string(body.substr(0, gap)), std::string(trim(body.substr(gap))));
}

// "12.5%" → 12.5; "-" or garbage → -1.
double parse_percent(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '%' ? value : -1;
}

// "0.0% [1.6 MB]" → bytes (monit's units are binary: B, kB, MB, GB, TB).
double parse_memory(const std::string& text) {
  const std::size_t open = text.find('[');
  if (open == std::string::npos) return -1;
  const char* start = text.c_str() + open + 1;
  char* end = nullptr;
  const double value = std::strtod(start, &end);
  if (end == start) return -1;
  const std::string_view unit =
      trim(std::string_view(end).substr(0, std::string_view(end).find(']')));
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"B", 1}, {"kB", 1024.0}, {"MB", 1048576.0}, {"GB", 1073741824.0}, {"TB", 1099511627776.0}};
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) return value * factor;
  }
  return -1;
}

// "3d 2h 1m" / "5m" / "0m" → seconds; -1 when there is no number.
long parse_uptime(const std::string& text) {
  long total = 0;
  bool any = false;
  for (const std::string& part : split(text, ' ')) {
    if (part.size() < 2) continue;
    const char unit = part.back();
    char* end = nullptr;
    const long n = std::strtol(part.c_str(), &end, 10);
    if (end != part.c_str() + part.size() - 1) continue;
    const long factor = unit == 'd'   ? 86400
                        : unit == 'h' ? 3600
                        : unit == 'm' ? 60
                        : unit == 's' ? 1
                                      : 0;
    if (factor == 0) continue;
    total += n * factor;
    any = true;
  }
  return any ? total : -1;
}

std::string field(const Block& block, const std::string& key) {
  auto it = block.fields.find(key);
  return it == block.fields.end() ? "" : it->second;
}

// "jrun-starts <exec> <count>" lines the status scripts append after monit's output.
std::map<std::string, int> parse_starts(std::string_view text) {
  std::map<std::string, int> out;
  for (const std::string& line : split(text, '\n')) {
    const std::vector<std::string> words = split(line, ' ');
    if (words.size() != 3 || words[0] != "jrun-starts") continue;
    out[words[1]] = std::atoi(words[2].c_str());
  }
  return out;
}

// Seconds each service has run, from "jrun-uptime <seconds>" (the machine's) and
// "jrun-started <exec> <ticks since boot>" lines (USER_HZ is 100 on Linux).
std::map<std::string, long> parse_started(std::string_view text) {
  long uptime = -1;
  std::map<std::string, long> ticks;
  for (const std::string& line : split(text, '\n')) {
    const std::vector<std::string> words = split(line, ' ');
    if (words.size() == 2 && words[0] == "jrun-uptime") uptime = std::atol(words[1].c_str());
    if (words.size() == 3 && words[0] == "jrun-started") {
      ticks[words[1]] = std::atol(words[2].c_str());
    }
  }
  std::map<std::string, long> out;
  for (const auto& [name, started] : ticks) {
    if (uptime >= 0 && started > 0) out[name] = std::max(0L, uptime - started / 100);
  }
  return out;
}

// "jrun-gaveup <exec> <why>" lines: services the start wrapper gave up on.
std::map<std::string, std::string> parse_gaveup(std::string_view text) {
  std::map<std::string, std::string> out;
  for (const std::string& line : split(text, '\n')) {
    if (!line.starts_with("jrun-gaveup ")) continue;
    const std::string rest = line.substr(12);
    const std::size_t space = rest.find(' ');
    out[rest.substr(0, space)] = space == std::string::npos ? "" : rest.substr(space + 1);
  }
  return out;
}

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
  if (ok) block = {std::string(type), std::string(name), "", "", {}};
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
    if (line.starts_with("jrun-")) continue;
    parse_field(line, blocks.back());
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
  const std::map<std::string, int> starts = parse_starts(text);
  const std::map<std::string, std::string> gaveup = parse_gaveup(text);
  const std::map<std::string, long> ran = parse_started(text);
  std::vector<ServiceStatus> out;
  for (const Block& block : blocks) {
    if (block.type != "Process") continue;
    ServiceStatus service{block.name, to_lower(block.status), block.status == "OK"};
    const bool running = block.status == "OK" && !field(block, "pid").empty();
    if (running) {
      service.cpu_percent = parse_percent(field(block, "cpu total"));
      service.memory_bytes = parse_memory(field(block, "memory total"));
      service.uptime_seconds = parse_uptime(field(block, "uptime"));
      if (auto it = ran.find(block.name); it != ran.end()) service.uptime_seconds = it->second;
    }
    if (auto it = starts.find(block.name); it != starts.end()) {
      service.restarts = std::max(0, it->second - 1);
    }
    if (const std::string pid = field(block, "pid"); running) service.pid = std::atol(pid.c_str());
    const auto check = health.find(block.name);
    if (check != health.end()) {
      const bool passing = program_ok(check->second.status) && check->second.exit == "0";
      service.health = passing ? "passing" : check->second.exit.empty() ? "pending" : "failing";
    }
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
    if (auto it = gaveup.find(block.name); it != gaveup.end()) {
      service.healthy = false;
      service.status = "gave up: " + it->second;
    }
    out.push_back(service);
  }
  return out;
}

}  // namespace jrun::host::linux_driver
