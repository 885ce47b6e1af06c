#!/usr/bin/env bash
# One command from a clean clone: the toolchain (scripts/setup.sh), the SDK in a virtualenv
# (scripts/python-env.sh), then this folder's Automation API driver with your arguments.
# It configures THIS machine (as root) unless given --remote; try it in a sandbox first
# (README, "Try it in a sandbox").
# Usage: bash examples/python/run.sh up|preview|refresh|destroy|outputs [automation.py options]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$(bash "$repo/scripts/setup.sh" | tail -n 1)"
# shellcheck source=/dev/null
source "$repo/scripts/env.sh" "$bin"
python="$(bash "$repo/scripts/python-env.sh" "$bin" | tail -n 1)"
cd "$here"
exec "$python" automation.py "$@"
