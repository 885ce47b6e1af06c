#!/usr/bin/env bash
# Builds the Pulumi CLI from the Go module proxy (no release download is reachable) into a cache
# outside the repo, with the project's Node.js language host (toolchain/language-host) and the
# YAML language host beside it, and the dynamic-provider shim of @pulumi/pulumi linked in.
# Idempotent: skips what is built.
# Prints the bin directory on its last line.
set -euo pipefail

version="${PULUMI_VERSION:-3.248.0}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="${PULUMI_NETNS_CACHE:-$HOME/.cache/pulumi-netns}"
bin="$root/pulumi-v$version/bin"
langhost_src="$repo/toolchain/language-host/main.go"
langhost_sum="$(sha256sum "$langhost_src" | cut -c1-16)"
sdkgen_src="$repo/toolchain/sdkgen/main.go"
sdkgen_sum="$(sha256sum "$sdkgen_src" | cut -c1-16)"
shim="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

say() { printf '[install-pulumi] %s\n' "$*" >&2; }

cli_ready() {
  [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$version" ]
}
langhost_ready() {
  [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$bin/.language-host.sum" 2>/dev/null)" = "$langhost_sum" ]
}
sdkgen_ready() {
  [ -x "$bin/pulumi-netns-sdkgen" ] && [ "$(cat "$bin/.sdkgen.sum" 2>/dev/null)" = "$sdkgen_sum" ]
}

if ! cli_ready || ! langhost_ready || ! sdkgen_ready; then
  command -v go >/dev/null || { say "error: Go is required to build the Pulumi CLI"; exit 1; }
  export GOFLAGS="-mod=mod"
  # The checksum database does not know every module the proxy serves (seen: pulumi/pkg 404s).
  export GONOSUMDB="${GONOSUMDB:-github.com/pulumi}"
  ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"

  # A throwaway wrapper module: pulumi's own go.mod carries local replace directives that
  # `go install pkg@version` refuses, so we require it and copy only the non-local ones.
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cd "$work"
  go mod init pulumi-netns-toolchain >/dev/null 2>&1
  say "resolving github.com/pulumi/pulumi/pkg/v3@v$version"
  pkg_mod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$version" \
    | sed -n 's/^\s*"GoMod": "\(.*\)",\?$/\1/p')"
  [ -f "$pkg_mod" ] || { say "error: could not download pulumi/pkg v$version"; exit 1; }
  awk '
    /^replace \(/ { inblock = 1; next }
    inblock && /^\)/ { inblock = 0; next }
    inblock { print "replace " $0; next }
    /^replace / { print }
  ' "$pkg_mod" | grep -v '=> \.' >> go.mod || true
  mkdir -p langhost sdkgen && cp "$langhost_src" langhost/main.go && cp "$sdkgen_src" sdkgen/main.go

  say "fetching modules (the first run downloads a few GB into the Go module cache)"
  go get "github.com/pulumi/pulumi/pkg/v3@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version" >&2
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" >&2

  mkdir -p "$bin"
  if ! cli_ready; then
    start=$(date +%s)
    say "building pulumi v$version (several minutes on a cold cache)"
    go build -tags osusergo -ldflags "$ldflags" -o "$bin/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
    mv "$bin/pulumi.partial" "$bin/pulumi"
    say "built pulumi in $(( $(date +%s) - start ))s"
  fi
  if ! langhost_ready; then
    say "building pulumi-language-nodejs"
    go build -ldflags "-X main.version=v$version" -o "$bin/pulumi-language-nodejs" ./langhost >&2
    echo "$langhost_sum" > "$bin/.language-host.sum"
  fi
  # The SDK generators of pulumi/pkg, for the provider plugin's Go and Python SDKs (scripts/gen-sdks.sh).
  if ! sdkgen_ready; then
    say "building pulumi-netns-sdkgen"
    go build -o "$bin/pulumi-netns-sdkgen" ./sdkgen >&2
    echo "$sdkgen_sum" > "$bin/.sdkgen.sum"
  fi
fi

# The YAML language host, for Pulumi YAML programs over the provider plugin (examples/yaml). Its
# module has no local replace directives, so `go install` builds it as published.
yaml_version="${PULUMI_YAML_VERSION:-1.25.0}"
if [ "$(cat "$bin/.language-yaml.version" 2>/dev/null)" != "$yaml_version" ] || [ ! -x "$bin/pulumi-language-yaml" ]; then
  command -v go >/dev/null || { say "error: Go is required to build pulumi-language-yaml"; exit 1; }
  say "building pulumi-language-yaml v$yaml_version (about 90 s on a cold cache)"
  yaml_tmp="$(mktemp -d)"
  GOFLAGS="-mod=mod" GONOSUMDB="${GONOSUMDB:-github.com/pulumi}" GOBIN="$yaml_tmp" \
    go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$yaml_version" >&2
  mv "$yaml_tmp/pulumi-language-yaml" "$bin/pulumi-language-yaml"
  rm -rf "$yaml_tmp"
  echo "$yaml_version" > "$bin/.language-yaml.version"
fi

# The dynamic-provider plugin is a /bin/sh shim shipped by the @pulumi/pulumi npm package. It
# resolves @pulumi/pulumi from the program's directory, so one copy beside the CLI serves every
# checkout (the engine prefers plugins beside itself to ones on PATH).
[ -f "$shim" ] || { say "error: $shim is missing: run npm ci first"; exit 1; }
cmp -s "$shim" "$bin/pulumi-resource-pulumi-nodejs" || install -m 0755 "$shim" "$bin/pulumi-resource-pulumi-nodejs"
say "Pulumi $("$bin/pulumi" version) ready in $bin"
echo "$bin"
