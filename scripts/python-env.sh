#!/usr/bin/env bash
# The virtualenv Python programs of this clone run in (.state/python-venv): `pulumi` 3.248.0 from
# PyPI and the pulumi_netns SDK generated from this checkout (scripts/gen-sdks.sh, made when
# missing). Prints the virtualenv's python on its last line.
# Usage: bash scripts/python-env.sh [DIR_OF_PULUMI_BINARIES]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bin="${1:-$(bash scripts/install-pulumi.sh | tail -n 1)}"
venv="$repo/.state/python-venv"
mkdir -p "$repo/.state"
# One installer at a time into the shared virtualenv (test files may run side by side).
exec 8>"$repo/.state/python-venv.lock"
flock 8
# The SDK's version is the package's: regenerated when package.json is newer than it.
if [ ! -f sdk/python/pyproject.toml ] || [ package.json -nt sdk/python/pyproject.toml ] || [ "${REGENERATE:-}" = 1 ]; then
  bash scripts/gen-sdks.sh "$bin" >&2
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
# pulumi pinned, and the SDK's own dependencies (parver, semver) that --no-deps below skips.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check pulumi==3.248.0 "parver>=0.2.1" "semver>=2.8.1" >&2
# --force-reinstall --no-deps: the SDK keeps its version across regenerations, pip would skip it.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./sdk/python >&2
echo "$venv/bin/python"
