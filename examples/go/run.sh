#!/usr/bin/env bash
# One command from a clean clone: the toolchain (scripts/setup.sh), the Go SDK (scripts/gen-sdks.sh,
# when missing or older than package.json), then this folder's Automation API driver with your
# arguments. Modules come from the Go module proxy; go.sum is committed.
# It configures THIS machine (as root); try it in a sandbox first (README, "Try it in a sandbox").
# Usage: bash examples/go/run.sh up|preview|refresh|destroy|outputs [-program seeds|network] [-stack dev]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$(bash "$repo/scripts/setup.sh" | tail -n 1)"
# shellcheck source=/dev/null
source "$repo/scripts/env.sh" "$bin"
if [ ! -f "$repo/sdk/go/go.mod" ] || [ "$repo/package.json" -nt "$repo/sdk/go/go.mod" ]; then
  bash "$repo/scripts/gen-sdks.sh" "$bin" >&2
fi
cd "$here"
exec go run . "$@"
