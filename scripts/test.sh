#!/usr/bin/env bash
# The whole test suite, as CI runs it (README "Run all tests"):
#   1. dependencies (apt), 2. clang-format check, 3. -Werror build + unit tests (incl. the
#   fuzz corpus replay and the golden suites), 4. integration tests (real namespaces, nftables,
#   monit, the real binary; as root), 5. the unit tests again under ASan+UBSan.
#   Every GoogleTest writes an XML report; after each tier one line says how many tests ran and
#   how many skipped, and a skip fails CI (scripts/gtest-tally.sh): everything here is meant to run.
set -euo pipefail
cd "$(dirname "$0")/.."

# ctest_tallied BUILD_DIR LABEL [VAR=value...]: ctest -L LABEL in BUILD_DIR with the variables
# set, then the run/skip count of its GoogleTests.
ctest_tallied() {
  local build=$1 label=$2
  shift 2
  local reports="$PWD/$build/gtest-reports/$label"
  rm -rf "$reports" && mkdir -p "$reports"
  (cd "$build" && env "$@" GTEST_OUTPUT="xml:$reports/" ctest --output-on-failure -L "$label")
  bash scripts/gtest-tally.sh "$reports" "$label ($build)"
}

bash scripts/install-deps.sh

echo "> format check"
bash scripts/format.sh --check

echo "> build (-Werror) and unit tests"
bash scripts/build.sh build/release -DJRUN_WERROR=ON
ctest_tallied build/release unit

echo "> integration tests (root: namespaces, nftables, monit; the VM end to end under QEMU)"
if [[ $(id -u) -ne 0 ]]; then
  echo "✗ the integration tests need root (they create jails); run as root" >&2
  exit 1
fi
# The debian-12 release is built once (about 2 min) and cached in /var/cache/jrun-test.
ctest_tallied build/release integration JRUN_TEST_DEBIAN=1 JRUN_TEST_VM=1

echo "> unit tests under ASan+UBSan"
bash scripts/build.sh build/asan -DJRUN_WERROR=ON -DJRUN_SANITIZE=ON -DJRUN_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug
ctest_tallied build/asan unit ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

echo "> fuzz target (clang 14 + libFuzzer, 30 s smoke run; scripts/fuzz.sh for long runs)"
bash scripts/fuzz.sh 30

echo "✓ all tests passed"
