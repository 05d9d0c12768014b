#!/usr/bin/env bash
# Builds the libFuzzer target (clang 14, ASan+UBSan) and runs it for SECONDS (default 600) on a
# corpus seeded from tests/fuzz/corpus, the conformance inputs, the example and test configs.
# New crashes land in build/fuzz/artifacts/; add each one to tests/fuzz/corpus with its fix.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
dir=build/fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJRUN_FUZZ=ON -DJRUN_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined" >/dev/null
ninja -C "$dir" fuzz_config
mkdir -p "$dir/corpus" "$dir/artifacts"
for f in tests/fuzz/corpus/* tests/conformance/ucl/*.in tests/configs/*/*.ucl examples/*.ucl; do
  cp "$f" "$dir/corpus/$(echo "$f" | tr / _)"
done
"$dir/tests/fuzz/fuzz_config" "$dir/corpus" -max_total_time="$seconds" -max_len=4096 \
  -print_final_stats=1 -artifact_prefix="$dir/artifacts/" 2>&1 | tail -n 12
