#include "jrun/host/linux/release.h"

#include "jrun/base/strings.h"
#include "jrun/host/linux/network.h"

namespace jrun::host::linux_driver {
namespace {

// Takes the releases lock on fd 9 (released and closed by kUnlock: a jail started later must
// not inherit it).
constexpr std::string_view kLock = R"sh(mkdir -p "$DATA/releases"
exec 9>"$DATA/releases/.lock"
flock 9
)sh";
constexpr std::string_view kUnlock = "flock -u 9\nexec 9>&-\n";

// The `host` skeleton: an empty root with merged-/usr links, a fresh /etc (root and nobody
// only), public host configuration that host binaries expect (alternatives links, CA
// certificates), and nothing else of the host.
constexpr std::string_view kHostSkeleton =
    R"sh(  mkdir -p etc var/log var/tmp var/cache var/lib tmp root srv run home dev proc sys usr \
    mnt opt media
  chmod 1777 tmp var/tmp
  chmod 0700 root
  for d in bin sbin lib; do ln -s "usr/$d" "$d"; done
  if [ -d /usr/lib64 ]; then ln -s usr/lib64 lib64; fi
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' > etc/passwd
  printf '%s\n' 'root:x:0:' 'tty:x:5:' 'nogroup:x:65534:' > etc/group
  printf '%s\n' 'root:*:19000:0:99999:7:::' 'nobody:*:19000:0:99999:7:::' > etc/shadow
  chmod 0640 etc/shadow
  printf '%s\n' localhost > etc/hostname
  printf '%s\n' '127.0.0.1 localhost' '::1 localhost' > etc/hosts
  : > etc/resolv.conf
  if [ -d /etc/alternatives ]; then cp -a /etc/alternatives etc/; fi
  if [ -d /etc/ssl/certs ]; then mkdir -p etc/ssl && cp -a /etc/ssl/certs etc/ssl/; fi
)sh";

// debootstrap's mirror: the host's first non-security Debian source, else deb.debian.org.
constexpr std::string_view kMirror = R"sh(jrun_mirror() {
  m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' | grep -v security | head -n 1)
  if [ -z "$m" ]; then
    m=$(sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p' \
      /etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1)
  fi
  printf '%s\n' "${m:-http://deb.debian.org/debian}"
}
)sh";

constexpr std::string_view kDebianBuild = R"sh(  command -v debootstrap >/dev/null 2>&1 \
    || die "release 'debian-12' needs debootstrap on the jail host (apt-get install debootstrap)"
  M=$(jrun_mirror)
  T="$DATA/releases/.debian-12.$$"
  rm -rf "$T"
  if ! debootstrap --variant=minbase --include=monit,tini,python3 bookworm "$T" "$M" \
      > "$DATA/releases/debian-12.log" 2>&1; then
    rm -rf "$T"
    die "building release 'debian-12' with debootstrap from $M failed (log: $DATA/releases/debian-12.log): $(tail -n 5 "$DATA/releases/debian-12.log")"
  fi
  rm -rf "$T/var/cache/apt/archives"/*.deb "$T/var/lib/apt/lists"/*_Packages
  : > "$T/.jrun-release"
  rm -rf "$L"
  mv "$T" "$L"
)sh";

}  // namespace

std::string resolve_release(std::string_view release) {
  return release.empty() ? std::string(kReleaseHost) : std::string(release);
}

Status check_release(std::string_view release) {
  const std::string r = resolve_release(release);
  if (r == kReleaseHost || r == kReleaseDebian12) return {};
  return make_error(ErrorCode::kConfig, "release '" + r +
                                            "' is not available on the linux driver (releases: "
                                            "host, debian-12)");
}

bool release_has_own_usr(std::string_view release) {
  return resolve_release(release) == kReleaseDebian12;
}

std::string release_snippet(std::string_view release) {
  const std::string r = resolve_release(release);
  std::string out = "# release '" + r + "': built once, shared read-only as the lower layer\n";
  out += "L=\"$DATA/releases/" + r + "\"\n";
  if (r == kReleaseDebian12) out += kMirror;
  out += "if [ ! -e \"$L/.jrun-release\" ]; then\n";
  out += kLock;
  out += "if [ ! -e \"$L/.jrun-release\" ]; then\n";
  if (r == kReleaseDebian12) {
    out += kDebianBuild;
  } else {
    out += "  T=\"$DATA/releases/.host.$$\"\n  rm -rf \"$T\"\n  mkdir -p \"$T\"\n  cd \"$T\"\n";
    out += kHostSkeleton;
    out += "  printf '%s' " + shell_quote(nsswitch_conf()) + " > etc/nsswitch.conf\n";
    out += "  : > .jrun-release\n  cd /\n  rm -rf \"$L\"\n  mv \"$T\" \"$L\"\n";
  }
  out += "fi\n";
  out += kUnlock;
  out += "fi\n";
  return out;
}

}  // namespace jrun::host::linux_driver
