#!/usr/bin/env bash
# The main job: builds the seed topology with `pulumi up` inside a sandbox, verifies it, destroys it.
# Installs what is missing first. `npm run demo -- --keep` waits for Enter before destroying.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(bash "$repo/scripts/setup.sh" | tail -n 1)"
# shellcheck source=env.sh
source "$repo/scripts/env.sh" "$bin"
exec node --disable-warning=ExperimentalWarning "$repo/dist/scripts/demo.js" "$@"
