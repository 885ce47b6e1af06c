#!/usr/bin/env bash
# What bench/programs/many declares, typed as a shell recipe: N namespaces on br0, each with a veth,
# an address and a default route. Arg: N. Run inside a sandbox only.
set -euo pipefail
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.60.0.1/16 dev br0
for ((i = 0; i < $1; i++)); do
  ip netns add "n$i"
  ip netns exec "n$i" ip link set lo up
  ip link add "vn$i" type veth peer name eth0 netns "n$i"
  ip link set "vn$i" master br0
  ip link set "vn$i" up
  ip netns exec "n$i" ip link set eth0 up
  ip netns exec "n$i" ip addr add "10.60.$((1 + i / 250)).$((1 + i % 250))/16" dev eth0
  ip netns exec "n$i" ip route add default via 10.60.0.1
done
