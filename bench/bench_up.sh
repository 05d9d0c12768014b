#!/bin/bash
# Benchmarks of `jrun up` on the local provider (Linux, root). Prints figures and ratios of one
# run; not a test. Usage: bench/bench_up.sh [path/to/jrun]   (default: build/dev/jrun)
#  (a) converged `up` of 20 jails vs. one trivial `ansible-playbook -c local` play
#  (b) fresh `up` of 20 jails
#  (c) clone of a base jail holding 500 MB: time and extra disk
#  (d) wrk through a forward vs. directly to the jail address
# Uses its own JRUN_HOME, bridge jrb0 and subnet 10.231.25.0/24; purges on exit.
set -euo pipefail

JRUN=$(realpath "${1:-build/dev/jrun}")
[ "$(id -u)" = 0 ] || { echo "bench_up.sh: needs root" >&2; exit 1; }
[ -x "$JRUN" ] || { echo "bench_up.sh: no jrun binary at $JRUN" >&2; exit 1; }
for tool in ansible-playbook wrk; do
  command -v "$tool" >/dev/null || apt-get install -y -q ansible-core wrk >/dev/null
done

WORK=$(mktemp -d /tmp/jrun-bench-XXXXXX)
export JRUN_HOME=$WORK/home JRUN_PROVIDER=local JRUN_BRIDGE=jrb0 JRUN_SUBNET=10.231.25.0/24
export JRUN_MONIT_CYCLE=2s NO_COLOR=1
cleanup() {
  "$JRUN" purge --yes >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }
fmt() { printf '%.3f' "$1"; }

# --- configs -------------------------------------------------------------------------------
mkdir -p "$WORK/site"
head -c 1024 /dev/urandom | base64 > "$WORK/site/index.html"
{
  for i in $(seq -w 1 20); do
    echo "jail \"j$i\" { exec { idle { cmd = \"sleep 1000000\"; } } }"
  done
} > "$WORK/twenty.ucl"

# --- (b) fresh up of 20 jails, then (a) converged up ---------------------------------------
"$JRUN" up "$WORK/twenty.ucl" >/dev/null  # builds the release skeleton and the bridge once
"$JRUN" purge --yes >/dev/null
t=$(now); "$JRUN" up "$WORK/twenty.ucl" >/dev/null; fresh=$(elapsed "$t")
converged_runs=5
t=$(now)
for _ in $(seq $converged_runs); do "$JRUN" up "$WORK/twenty.ucl" >/dev/null; done
converged=$(echo "$(elapsed "$t") / $converged_runs" | bc -l)

cat > "$WORK/play.yml" <<'EOF'
- hosts: localhost
  gather_facts: false
  tasks:
    - debug: msg="hello"
EOF
ansible-playbook -c local -i localhost, "$WORK/play.yml" >/dev/null  # warm caches
play_runs=3
t=$(now)
for _ in $(seq $play_runs); do ansible-playbook -c local -i localhost, "$WORK/play.yml" >/dev/null; done
play=$(echo "$(elapsed "$t") / $play_runs" | bc -l)
"$JRUN" purge --yes >/dev/null

# --- (c) clone of a base jail holding 500 MB ----------------------------------------------
cat > "$WORK/big.ucl" <<'EOF'
jail "big" { exec { idle { cmd = "sleep 1000000"; } } }
EOF
"$JRUN" up "$WORK/big.ucl" >/dev/null
"$JRUN" cmd big sh -c 'head -c 500M /dev/urandom > /srv/blob && sync'
cat >> "$WORK/big.ucl" <<'EOF'
jail "copy" { base { type = "jail"; name = "big"; } exec { idle { cmd = "sleep 1000000"; } } }
EOF
sync
df_before=$(df -B1 --output=used "$JRUN_HOME" | tail -1)
t=$(now); "$JRUN" up "$WORK/big.ucl" >/dev/null; clone=$(elapsed "$t")
sync
df_after=$(df -B1 --output=used "$JRUN_HOME" | tail -1)
copy_upper=$(du -sb "$JRUN_HOME/linux/jails/copy/upper" | cut -f1)
"$JRUN" cmd copy test -s /srv/blob
fs_type=$(df --output=fstype "$JRUN_HOME" | tail -1)
"$JRUN" purge --yes >/dev/null

# --- (d) wrk through a forward vs. directly -----------------------------------------------
cat > "$WORK/web.ucl" <<'EOF'
jail "web" {
  forward { http { host = 17951; jail = 8080; } }
  mount { site { host = "site"; jail = "/srv/site"; } }
  exec { server { cmd = "python3 -m http.server 8080 --bind 0.0.0.0"; dir = "/srv/site"; } }
}
EOF
"$JRUN" up "$WORK/web.ucl" >/dev/null
web_ip=$("$JRUN" cmd web hostname -I | awk '{print $1}')
for _ in $(seq 50); do curl -fs -o /dev/null http://127.0.0.1:17951/index.html && break; sleep 0.2; done
rps() { wrk -t 2 -c 2 -d 10s "$1" | awk '/Requests\/sec/ {print $2}'; }
via_forward=$(rps http://127.0.0.1:17951/index.html)
direct=$(rps "http://$web_ip:8080/index.html")

# --- report -------------------------------------------------------------------------------
echo "jrun up benchmarks ($(uname -r), $(nproc) CPUs, $fs_type)"
echo "(a) converged up, 20 jails:        $(fmt "$converged") s (mean of $converged_runs)"
echo "    ansible-playbook -c local play: $(fmt "$play") s (mean of $play_runs)"
echo "    ratio up/play:                  $(fmt "$(echo "$converged / $play" | bc -l)") (aim <= 0.05)"
echo "(b) fresh up, 20 jails:            $(fmt "$fresh") s (aim <= 3 s)"
echo "(c) clone of a 500 MB base jail:   $(fmt "$clone") s (up adding the clone)"
echo "    clone upper (du):               $((copy_upper / 1048576)) MiB"
echo "    disk used (df delta):           $(((df_after - df_before) / 1048576)) MiB"
echo "(d) wrk -t2 -c2 -d10s, 1.4 KB file: forward $via_forward req/s, direct $direct req/s"
echo "    ratio forward/direct:           $(fmt "$(echo "$via_forward / $direct" | bc -l)") (aim >= 0.5)"
