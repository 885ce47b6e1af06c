#!/usr/bin/env bash
# The seeds' hand-typed recipe, command for command (ns1/ns2, br0, veth0/ceth0, veth1/ceth1,
# default routes, forwarding, MASQUERADE, DNAT to 192.168.1.10:5000). Run inside a sandbox only.
set -euo pipefail
ip netns add ns1
ip netns add ns2
ip netns exec ns1 ip link set lo up
ip netns exec ns2 ip link set lo up
ip link add br0 type bridge
ip link set br0 up
ip addr add 192.168.1.1/24 dev br0
for i in 0 1; do
  ns="ns$((i + 1))"
  ip link add "veth$i" type veth peer name "ceth$i"
  ip link set "veth$i" master br0
  ip link set "veth$i" up
  ip link set "ceth$i" netns "$ns"
  ip netns exec "$ns" ip link set "ceth$i" up
  ip netns exec "$ns" ip addr add "192.168.1.1$i/24" dev "ceth$i"
  ip netns exec "$ns" ip route add default via 192.168.1.1
done
sysctl -w net.ipv4.ip_forward=1 >/dev/null
iptables -t nat -A POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE
iptables -t nat -A PREROUTING -p tcp -m tcp --dport 5000 -j DNAT --to-destination 192.168.1.10:5000
