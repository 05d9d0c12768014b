#!/bin/bash
# Benchmark of setup steps on the local provider (Linux, root). Prints figures and ratios of one
# run; not a test. Usage: bench/bench_setup.sh [path/to/jrun]   (default: build/dev/jrun)
#  (a) converged `up` of 5 jails with 2 local setup steps each (playbooks hashed, nothing runs)
#      vs. one trivial `ansible-playbook -c local` play — converging must cost less than
#      running even one playbook
#  (b) `up --provision` of the same (10 playbook runs inside the jails) vs. 10 plays on the host
# Uses its own JRUN_HOME, bridge jrp1 and subnet 10.231.31.0/24; purges on exit.
set -euo pipefail

JRUN=$(realpath "${1:-build/dev/jrun}")
[ "$(id -u)" = 0 ] || { echo "bench_setup.sh: needs root" >&2; exit 1; }
[ -x "$JRUN" ] || { echo "bench_setup.sh: no jrun binary at $JRUN" >&2; exit 1; }
command -v ansible-playbook >/dev/null || apt-get install -y -q ansible-core >/dev/null

WORK=$(mktemp -d /tmp/jrun-bench-setup-XXXXXX)
export JRUN_HOME=$WORK/home JRUN_PROVIDER=local JRUN_BRIDGE=jrp1 JRUN_SUBNET=10.231.31.0/24
export JRUN_MONIT_CYCLE=2s NO_COLOR=1
cleanup() {
  "$JRUN" purge --yes >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }
fmt() { printf '%.3f' "$1"; }

for step in one two; do
  mkdir -p "$WORK/$step/templates"
  cat > "$WORK/$step/play.yml" <<PLAY
- hosts: localhost
  gather_facts: false
  tasks:
    - ansible.builtin.copy: { content: "$step\n", dest: /etc/$step }
PLAY
  echo "{{ x }}" > "$WORK/$step/templates/t.j2"
done
{
  for i in 1 2 3 4 5; do
    echo "jail \"s$i\" { setup { one { type = \"ansible\"; file = \"one/play.yml\"; }"
    echo "                      two { type = \"ansible\"; file = \"two/play.yml\"; } } }"
  done
} > "$WORK/five.ucl"

"$JRUN" up "$WORK/five.ucl" >/dev/null
runs=5
t=$(now)
for _ in $(seq $runs); do "$JRUN" up "$WORK/five.ucl" >/dev/null; done
converged=$(echo "$(elapsed "$t") / $runs" | bc -l)
t=$(now); "$JRUN" up "$WORK/five.ucl" --provision >/dev/null; provision=$(elapsed "$t")

ansible-playbook -c local -i localhost, "$WORK/one/play.yml" --check >/dev/null  # warm caches
t=$(now)
for _ in $(seq 10); do ansible-playbook -c local -i localhost, "$WORK/one/play.yml" --check >/dev/null; done
ten=$(elapsed "$t")
one=$(echo "$ten / 10" | bc -l)

echo "(a) converged up, 5 jails x 2 setup steps: $(fmt "$converged") s;" \
  "one ansible-playbook: $(fmt "$one") s; ratio $(fmt "$(echo "$converged / $one" | bc -l)")"
echo "(b) up --provision, 10 steps in jails: $(fmt "$provision") s;" \
  "10 plays on the host: $(fmt "$ten") s; ratio $(fmt "$(echo "$provision / $ten" | bc -l)")"
