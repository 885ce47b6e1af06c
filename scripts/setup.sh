#!/usr/bin/env bash
# Installs everything pulumi-netns needs on a fresh Debian machine, idempotently:
# system tools, npm dependencies, the compiled package, and the Pulumi CLI built from Go modules.
# Prints the directory holding the Pulumi binaries on its last line (for scripts/env.sh).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
say() { printf '[setup] %s\n' "$*" >&2; }

# command -> Debian package that provides it
declare -A packages=(
  [ip]=iproute2 [iptables]=iptables [nft]=nftables [ping]=iputils-ping [unshare]=util-linux
  [nsenter]=util-linux [sysctl]=procps [ss]=iproute2 [python3]=python3 [go]=golang-go
  # the remote-host tests: an OpenSSH server in a sandbox, reached as root and as a sudo user
  [sshd]=openssh-server [ssh-keygen]=openssh-client [sudo]=sudo
  # Probe's tcp and http kinds; `pulumi-netns graph` renders SVG/PNG with Graphviz, and its test
  # opens the SVG in a real headless browser
  [nc]=netcat-openbsd [curl]=curl [dot]=graphviz [chromium-headless-shell]=chromium-headless-shell
  # the Docker test: a real dockerd started inside a sandbox, a container from a busybox rootfs
  [dockerd]=docker.io [busybox]=busybox-static
)
missing=()
for cmd in "${!packages[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${packages[$cmd]}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # Packages must not start services on this machine (openssh-server would start sshd on port 22):
  # the tests start their own sshd inside sandboxes. policy-rc.d exit 101 = "action forbidden".
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
# docker.io's and containerd's units are enabled by their packages even when nothing starts them:
# the systemd sandboxes boot this machine's own units, and must not start a Docker daemon.
if [ -e /lib/systemd/system/docker.service ] || [ -e /lib/systemd/system/containerd.service ]; then
  for unit in docker.service docker.socket containerd.service; do
    command -v deb-systemd-helper >/dev/null 2>&1 && deb-systemd-helper disable "$unit" >/dev/null 2>&1 || true
  done
  rm -f /etc/systemd/system/*.wants/docker.service /etc/systemd/system/*.wants/docker.socket /etc/systemd/system/*.wants/containerd.service
fi

stamp="node_modules/.setup-stamp"
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "installing npm dependencies and compiling TypeScript (npm ci, then the package's prepare script)"
  npm ci --no-fund --no-audit --loglevel=error >&2
  touch "$stamp"
else
  say "compiling TypeScript"
  npx tsc -p tsconfig.json >&2
fi
# Examples and the dynamic provider resolve `pulumi-netns` like an installed package: point it here.
ln -sfn .. node_modules/pulumi-netns

bash scripts/install-pulumi.sh
