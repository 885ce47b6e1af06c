#!/usr/bin/env bash
# Packs the provider plugin for `pulumi plugin install resource netns VERSION --file TARBALL`: the
# compiled provider and SDK, its production dependencies and the pulumi-resource-netns launcher (Node.js 20
# or newer must be on the machine's PATH). Prints the tarball's path on its last line.
# Usage: bash scripts/plugin-tarball.sh [OUT_DIR]   (default .state/plugin)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
version="$(node -p 'require("./package.json").version')"
out="${1:-$repo/.state/plugin}"

# SKIP_BUILD=1: dist/ is known to be fresh (the tests run from it).
[ "${SKIP_BUILD:-}" = 1 ] || npx tsc -p tsconfig.json >&2
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp package.json package-lock.json "$stage/"
mkdir -p "$stage/dist"
# dist/sdk too: the components the plugin serves share the TypeScript SDK's pure plan (sdk/network-plan).
cp -r dist/provider dist/shared dist/sdk "$stage/dist/"
install -m 0755 provider/plugin/bin/pulumi-resource-netns "$stage/pulumi-resource-netns"
# The SDK package takes @pulumi/pulumi as a peer (a program brings its own); the plugin has no
# program around it, so its copy becomes a dependency of its own, at the version the lockfile holds.
(cd "$stage" && node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    pkg.dependencies["@pulumi/pulumi"] = lock.packages["node_modules/@pulumi/pulumi"].version;
    delete pkg.peerDependencies;
    delete pkg.devDependencies;
    fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));
' && npm install --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error >&2)

mkdir -p "$out"
tarball="$out/pulumi-resource-netns-v$version-linux-amd64.tar.gz"
tar -czf "$tarball" -C "$stage" .
printf '[plugin-tarball] %s (%s)\n' "$tarball" "$(du -h "$tarball" | cut -f1)" >&2
echo "$tarball"
