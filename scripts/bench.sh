#!/usr/bin/env bash
# Benchmark: the shell recipe vs pulumi-netns on the seed topology, in sandboxes. Arg: rounds (3).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(bash "$repo/scripts/setup.sh" | tail -n 1)"
# shellcheck source=env.sh
source "$repo/scripts/env.sh" "$bin"
exec node --disable-warning=ExperimentalWarning "$repo/dist/bench/compare.js" "$@"
