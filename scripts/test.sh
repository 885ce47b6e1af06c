#!/usr/bin/env bash
# Runs every test layer: unit (no root), kernel (the real kernel, in private sandboxes) and e2e
# (the real Pulumi CLI, in private sandboxes). Installs what is missing first.
# Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(bash "$repo/scripts/setup.sh" | tail -n 1)"
# shellcheck source=env.sh
source "$repo/scripts/env.sh" "$bin"
cd "$repo"

results="$repo/.state/jest-results.json"
rm -f "$results"
status=0
# Lint and format first (Biome, read-only): the code as committed must be clean.
npx biome ci --colors=off --reporter=summary . || { echo "biome: lint or format check failed (npx biome check --write . fixes the format)"; status=1; }
# execa is ESM-only: jest loads it through its VM modules support.
NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning" \
  npx jest --json --outputFile="$results" "$@" || status=$?
node "$repo/scripts/summarize-tests.js" "$results" || status=1
exit "$status"
