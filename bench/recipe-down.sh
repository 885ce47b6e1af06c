#!/usr/bin/env bash
# Undoes recipe-up.sh. Run inside a sandbox only.
set -euo pipefail
iptables -t nat -D PREROUTING -p tcp -m tcp --dport 5000 -j DNAT --to-destination 192.168.1.10:5000
iptables -t nat -D POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE
sysctl -w net.ipv4.ip_forward=0 >/dev/null
ip link del veth0
ip link del veth1
ip link del br0
ip netns del ns1
ip netns del ns2
