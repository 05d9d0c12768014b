#include "jrun/host/freebsd/script_parts.h"

#include "jrun/base/strings.h"
#include "jrun/host/freebsd/host_files.h"
#include "jrun/host/freebsd/text.h"

namespace jrun::host::freebsd_driver {

std::string put_function() {
  return R"sh(changed=0
jrun_put() {
  if [ -f "$1" ] && [ "$(cat "$1"; echo .)" = "$3." ]; then return 0; fi
  mkdir -p "$(dirname "$1")"
  printf '%s' "$3" >"$1.jrun-new"
  chmod "$2" "$1.jrun-new"
  mv -f "$1.jrun-new" "$1"
  changed=1
}
)sh";
}

std::string mounted_function() {
  // ENVIRON, not -v: awk -v processes backslash escapes in the value.
  return R"sh(jrun_mounted() {
  mount -p | JRUN_MP="$1" awk '{
    d = ENVIRON["JRUN_MP"]; rest = $0; at = 0
    while ((i = index(rest, d)) > 0) {
      at += i; e = substr($0, at + length(d), 1)
      if (at > 1 && substr($0, at - 1, 1) ~ /[ \t]/ && (e == " " || e == "\t")) found = 1
      rest = substr(rest, i + 1)
    }
  } END { exit !found }'
}
)sh";
}

std::string jail_vars(const std::string& name, const FreeBsdLayout& layout) {
  return assign("NAME", name) + assign("N", jail_id(name)) +
         assign("DS", layout.jail_dataset(name)) + "J=\"$R\"" +
         shell_quote(layout.jail_root(name)) + "\nC=\"$R\"" + shell_quote(layout.config_dir(name)) +
         "\nJC=\"$C/jail.conf\"\n";
}

std::string release_function(const FreeBsdLayout& layout) {
  std::string out = assign("POOLDS", layout.zpool + "/" + layout.dataset);
  out += "RELROOT=\"$R\"" + shell_quote(layout.base_dir + "/releases") + "\n";
  out += assign("MIRROR", layout.mirror) + assign("PKGS", join(layout.release_packages, " "));
  out += R"sh(# zfs(8), fetch(1), sha256(1), tar(1), pkg(8), pkg-rquery(8), sysctl(8)
jrun_release() {
  rds="$POOLDS/releases/$1"
  if zfs list -H -o name "$rds@base" >/dev/null 2>&1; then return 0; fi
  zfs list -H -o name "$rds" >/dev/null 2>&1 || zfs create -p "$rds"
  rdir="$RELROOT/$1"
  if [ ! -f "$rdir/COPYRIGHT" ]; then
    url="$MIRROR/$(sysctl -n hw.machine)/$(sysctl -n hw.machine_arch)/$1"
    fetch -o "$rdir/MANIFEST" "$url/MANIFEST" || die "cannot fetch $url/MANIFEST"
    fetch -o "$rdir/base.txz" "$url/base.txz" || die "cannot fetch $url/base.txz"
    want=$(awk '$1 == "base.txz" { print $2 }' "$rdir/MANIFEST")
    got=$(sha256 -q "$rdir/base.txz")
    if [ -z "$want" ] || [ "$want" != "$got" ]; then
      die "base.txz of $1: sha256 $got, MANIFEST says $want"
    fi
    tar -xf "$rdir/base.txz" -C "$rdir"
    rm -f "$rdir/base.txz" "$rdir/MANIFEST"
    touch "$rdir/root/.hushlogin"
  fi
  if [ -n "$PKGS" ]; then
    # pkg-rquery(8): a glob (py3*-ansible-core) names the package built for the repository's
    # current default python; set -f keeps the shell from expanding it
    pkg -r "$rdir" update -q || die "cannot read the package repository for release $1"
    pkgs=''
    set -f
    for p in $PKGS; do
      case $p in
      *'*'*)
        found=$(pkg -r "$rdir" rquery -g '%n' "$p" | sort | tail -n 1)
        [ -n "$found" ] || die "no package matches $p in the repository"
        p=$found
        ;;
      esac
      pkgs="$pkgs $p"
    done
    set +f
    # shellcheck disable=SC2086
    pkg -r "$rdir" install -y $pkgs || die "cannot install$pkgs into release $1"
  fi
  zfs snapshot "$rds@base"
}
)sh";
  return out;
}

std::string destroy_body() {
  return R"sh(# jls(8), jexec(8), jail(8), umount(8), rctl(8), zfs(8)
if jls -j "$N" jid >/dev/null 2>&1; then
  jexec -l "$N" /usr/local/bin/monit -c /usr/local/etc/monitrc stop all >/dev/null 2>&1 || true
  if [ -f "$JC" ]; then jail -f "$JC" -r "$N" || die "cannot stop jail $NAME"; else jail -r "$N"; fi
fi
if [ -d "$C/mounts.d" ]; then
  for f in "$C"/mounts.d/*; do
    [ -e "$f" ] || continue
    umount "$J$(cat "$f")" 2>/dev/null || true
  done
fi
rctl -r "jail:$N" 2>/dev/null || true
if zfs list -H -o name "$DS" >/dev/null 2>&1; then
  origin=$(zfs get -H -o value origin "$DS")
  promoted=''
  # zfs-promote(8): the snapshots up to a clone's origin move to the clone and must not share a
  # name with its own; those without clones go first (destroyed with the jail anyway).
  for snap in $(zfs list -H -o name -t snapshot -d 1 "$DS"); do
    [ "$(zfs get -H -o value clones "$snap")" != - ] || zfs destroy "$snap"
  done
  for snap in $(zfs list -H -o name -t snapshot -d 1 "$DS"); do
    for clone in $(zfs get -H -o value clones "$snap" | tr ',' ' '); do
      [ "$clone" = - ] || { zfs promote "$clone" && promoted="$promoted $clone"; }
    done
  done
  zfs destroy -r "$DS"
  # the promoted clones' origins came along: nothing depends on them any more
  for clone in $promoted; do zfs destroy "$clone@jrun-clone-${clone##*/}" 2>/dev/null || true; done
  case "$origin" in *"@jrun-clone-$NAME") zfs destroy "$origin" 2>/dev/null || true ;; esac
fi
rm -f "$R/etc/jail.conf.d/$NAME.conf"
rm -rf "$C" "$J"
)sh";
}

}  // namespace jrun::host::freebsd_driver
