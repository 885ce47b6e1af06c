#!/usr/bin/env bash
# Generates the provider plugin's SDKs from the package schema: Go into sdk/go, Python into
# sdk/python. They are build outputs (like dist/), made from the kind definitions every time, so they
# never drift from the plugin they drive. Needs `npm run build` and the toolchain of scripts/setup.sh.
# Usage: bash scripts/gen-sdks.sh [DIR_OF_PULUMI_BINARIES]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
bin="${1:-$(bash scripts/install-pulumi.sh | tail -n 1)}"
say() { printf '[gen-sdks] %s\n' "$*" >&2; }

[ -f dist/provider/package-schema/cli.js ] || npx tsc -p tsconfig.json >&2
mkdir -p .state/sdk
# One generation at a time (test files may run side by side): each rewrites sdk/go and sdk/python whole.
exec 9>.state/sdk/lock
flock 9
node dist/provider/package-schema/cli.js > .state/sdk/schema.json
"$bin/pulumi-netns-sdkgen" .state/sdk/schema.json sdk go python
# `lab.attach("ns1")` as in TypeScript: the generator makes every method argument keyword-only,
# and attach's first one is the namespace.
sed -i 's/^    def attach(__self__, \*,$/    def attach(__self__,/' sdk/python/pulumi_netns/network.py
grep -q '^    def attach(__self__,$' sdk/python/pulumi_netns/network.py || { echo "gen-sdks: Network.attach not found in the Python SDK" >&2; exit 1; }

# The Go SDK is a module of its own, at the path the schema's importBasePath names.
module="$(node -e 'const s=require(process.argv[1]);process.stdout.write(s.language.go.importBasePath.replace(/\/netns$/,""))' "$repo/.state/sdk/schema.json")"
pulumi_sdk="v$(node -p 'require("@pulumi/pulumi/package.json").version')"
cat > sdk/go/go.mod <<GOMOD
module $module

go 1.23

require github.com/pulumi/pulumi/sdk/v3 $pulumi_sdk
GOMOD
(cd sdk/go && GOFLAGS=-mod=mod GONOSUMDB="${GONOSUMDB:-github.com/pulumi}" go mod tidy >&2)
say "SDKs written to sdk/go ($module) and sdk/python (pulumi_netns)"
