#!/usr/bin/env bash
# Undoes recipe-many-up.sh. Arg: N. Run inside a sandbox only.
set -euo pipefail
for ((i = 0; i < $1; i++)); do
  ip netns del "n$i"
done
ip link del br0
