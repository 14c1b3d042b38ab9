#!/usr/bin/env bash
# Runs its arguments in a private network namespace with only `lo` (up), so
# that the e2e servers' ports cannot clash with, or reach, anything else on
# the machine. Where `unshare --net` is not permitted (no root / no
# CAP_SYS_ADMIN, or a sandbox forbidding it), runs them directly instead.
#
#   bash tests/e2e/run-in-netns.sh cargo test --test e2e
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

# Nothing inside the namespace can reach a registry: fetch crates first.
if [ "$1" = cargo ]; then
  cargo fetch --quiet
fi

if command -v unshare >/dev/null && command -v ip >/dev/null &&
  unshare --net true 2>/dev/null; then
  # HOPLINT_E2E_NETNS tells the `netns` test to check the namespace is private.
  exec unshare --net -- bash -c \
    'ip link set lo up && HOPLINT_E2E_NETNS=1 exec "$@"' run-in-netns "$@"
fi

why="unshare --net is not permitted here"
command -v unshare >/dev/null || why="unshare (util-linux) is missing"
command -v ip >/dev/null || why="ip (iproute2) is missing"
echo "run-in-netns: $why; running without a private network namespace" >&2
exec "$@"
