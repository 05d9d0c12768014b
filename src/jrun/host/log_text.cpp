#include "jrun/host/log_text.h"

#include "jrun/base/strings.h"

namespace jrun::host {
namespace {

// Days to a civil date: H. Hinnant's days_from_civil inverse, integer arithmetic only.
constexpr std::string_view kStampAwk =
    R"awk(function iso(t,  days, secs, z, era, doe, yoe, y, doy, mp, d, m) {
  days = int(t / 86400); secs = t - days * 86400
  z = days + 719468; era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  if (m <= 2) y++
  return sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, int(secs / 3600), int(secs % 3600 / 60), secs % 60)
}
{ srand(); t = srand(); if (t != last) { last = t; s = iso(t) }; print s " " $0; fflush() }
)awk";

constexpr std::string_view kViewAwk =
    R"awk(BEGIN { split("36 33 35 32 34 31", col, " "); s = first; k[s] = n++ }
w && /^==> .* <==$/ { s = substr($0, 5, length($0) - 12); if (!(s in k)) k[s] = n++ % 6; held = 0; next }
w && held { show(""); held = 0 }
w && $0 == "" { held = 1; next }
{ show($0) }
function show(line,  p) {
  if (line ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z /) {
    t[s] = substr(line, 1, 20)
    if (!stamps) line = substr(line, 22)
  }
  if (since != "" && !((s in t) && t[s] >= since)) return
  if (w) {
    p = sprintf("%-" w "s |", s)
    if (c) p = "\033[" col[k[s] + 1] "m" p "\033[0m"
    line = p " " line
  }
  print line
  fflush()
}
)awk";

// $1 dir, $2 lines (+1: all), $3 follow|once, $4 service or "", $5 since, $6 stamps, $7 colour.
constexpr std::string_view kLogsSh =
    R"sh(cd "$1" 2>/dev/null || { echo 'jrun: no service logs yet' >&2; exit 1; }
n=$2 mode=$3 svc=$4 since=$5 stamps=$6 c=$7
if [ -n "$svc" ]; then set -- "$svc.log"; else set -- *.log; fi
[ -e "$1" ] || { echo 'jrun: no service logs yet' >&2; exit 1; }
f=
[ "$mode" = follow ] && f=-F
# Without a service every line is prefixed, even while only one service has a log yet.
w=0
if [ -z "$svc" ]; then
  for l in "$@"; do s=${l%.log}; [ "${#s}" -gt "$w" ] && w=${#s}; done
fi
# mawk reads a pipe in blocks unless told to be interactive: lines would arrive late. The
# probe reads /dev/null: one-true-awk (FreeBSD's) ignores -W and runs `version` as a program.
jrun_awk() {
  if awk -W version </dev/null 2>/dev/null | grep -q mawk; then awk -W interactive "$@"; else awk "$@"; fi
}
tail -n "$n" $f -- "$@" 2>/dev/null |
  jrun_awk -v w="$w" -v c="$c" -v first="${1%.log}" -v since="$since" -v stamps="$stamps" \
)sh";

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::string_view log_stamp_awk() { return kStampAwk; }

std::string_view log_view_awk() { return kViewAwk; }

std::string log_stamp_sh(const std::string& fifo, bool interactive_mawk) {
  std::string out =
      "# each output line gets its UTC time on its way to the log (jrun logs --since)\n"
      "# shellcheck disable=SC2016\n"
      "jrun_stamp=" +
      shell_quote(kStampAwk) + "\nfifo=" + shell_quote(fifo) +
      "\nrm -f \"$fifo\"\n"
      "if mkfifo -m 600 \"$fifo\"; then\n"
      "  (\n"
      "    trap '' TERM INT HUP\n";
  if (interactive_mawk) {
    out +=
        "    if awk -W version </dev/null 2>/dev/null | grep -q mawk; then exec awk -W interactive "
        "\"$jrun_stamp\"; fi\n";
  }
  return out +
         "    exec awk \"$jrun_stamp\"\n"
         "  ) <\"$fifo\" &\n"
         "  exec >\"$fifo\" 2>&1\n"
         "  rm -f \"$fifo\"\n"
         "fi\n";
}

std::vector<std::string> logs_sh_argv(const std::string& dir, const LogsQuery& query) {
  std::string script(kLogsSh);
  script += "    " + shell_quote(kViewAwk) + "\n";
  return {"/bin/sh",
          "-c",
          script,
          "jrun-logs",
          dir,
          query.lines < 0 ? std::string("+1") : std::to_string(query.lines),
          query.follow ? "follow" : "once",
          query.service,
          query.since,
          query.timestamps ? "1" : "0",
          query.color ? "1" : "0"};
}

bool valid_log_stamp(std::string_view text) {
  // 2026-11-28T19:00:00Z
  return text.size() == kLogStampSize && digits(text, 0, 4) && text[4] == '-' &&
         digits(text, 5, 2) && text[7] == '-' && digits(text, 8, 2) && text[10] == 'T' &&
         digits(text, 11, 2) && text[13] == ':' && digits(text, 14, 2) && text[16] == ':' &&
         digits(text, 17, 2) && text[19] == 'Z';
}

}  // namespace jrun::host
