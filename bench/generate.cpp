#include <string>

#include "bench_util.h"

namespace jrun::bench {

std::string generate_jails(int jails) {
  std::string out;
  out.reserve(static_cast<std::size_t>(jails) * 700);
  for (int i = 0; i < jails; ++i) {
    std::string n = std::to_string(i);
    out += "jail \"svc-" + n + "\" {\n";
    out += "  release = \"15.0-RELEASE\";\n";
    if (i % 10 != 0) out += "  depends [\"svc-" + std::to_string(i - 1) + "\"];\n";
    out += "  forward { http { host = " + std::to_string(10000 + i) + "; jail = 8080; } }\n";
    out += "  mount { src { host = \".\"; jail = \"/srv/app\"; } }\n";
    out += "  exec {\n    web {\n      cmd = \"python3 -m http.server 8080\";\n";
    out += "      dir = \"/srv/app\";\n      env { PORT = \"8080\"; MODE = \"prod\"; }\n";
    out += "      healthcheck { test = \"curl -fs http://127.0.0.1:8080/\"; interval = 30s; ";
    out += "timeout = 5s; retries = 3; }\n    }\n";
    out += "    worker { cmd = \"sleep infinity\"; }\n  }\n";
    out += "  limits { cpu = 1.5; memory = 512mb; processes = 256; }\n";
    out += "}\n";
  }
  return out;
}

std::string generate_mixed(std::size_t bytes) {
  std::string out;
  out.reserve(bytes + 4096);
  for (int i = 0; out.size() < bytes; ++i) {
    std::string n = std::to_string(i);
    out += "# section " + n + "\nsection \"s" + n + "\" {\n";
    out += "  /* nested /* block */ comment */\n";
    out += "  name = \"value with \\\"escapes\\\" \\t and \\u00e9 unicode\";\n";
    out += "  single = 'single quoted \\' string';\n";
    out += "  size = 64kb; count = 10k; ratio = 0.75; hex = 0xff; wait = 250ms;\n";
    out += "  enabled = yes; missing = null\n";
    out += "  list = [1, 2, \"three\", { four = 4 }, [5]];\n";
    out += "  tag = a; tag = b; tag = c;\n";
    out += "  text = <<EOD\nline one\nline two\nEOD\n";
    out += "  nested { deeper { deepest = true; } }\n";
    out += "}\n";
  }
  return out;
}

}  // namespace jrun::bench
