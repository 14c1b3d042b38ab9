#!/usr/bin/env bash
# Times the whole test suite as a developer waits for it: dependencies
# prebuilt, the crate and every test binary rebuilt (src/lib.rs touched),
# `cargo test` run inside the private network namespace as .ci/test does.
#   bash benches/suite-time.sh [WORKTREE...]     (default: this checkout)
# Give two worktrees (say, an old commit's and main) to compare them in
# one run, under the same load.
set -euo pipefail
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=("$(cd "$(dirname "$0")/.." && pwd)")
for d in "${dirs[@]}"; do
  (
    cd "$d"
    cargo test --no-run -q >/dev/null 2>&1
    touch src/lib.rs
    n=$(cargo test --no-run 2>&1 | grep -c Executable)
    touch src/lib.rs
    log=$(mktemp)
    t=$( { /usr/bin/time -f "%e s wall, %U s user, %S s sys" bash tests/e2e/run-in-netns.sh cargo test --no-fail-fast >"$log" 2>&1; } 2>&1 | tail -1)
    tests=$(grep -E '^test result' "$log" | awk '{s+=$4} END {print s}')
    failed=$(grep -E '^test result' "$log" | awk '{s+=$6} END {print s}')
    echo "$d @ $(git rev-parse --short HEAD): $t; $n test executables, $tests tests, $failed failed"
    rm -f "$log"
  )
done
