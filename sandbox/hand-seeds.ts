// The seeds as a newcomer types them by hand (ip, sysctl, iptables), inside a sandbox: two
// namespaces on br0 with veths, default routes, forwarding, the MASQUERADE and the DNAT rule of
// the recipe, forwarding the sandbox's uplink address. What `pulumi-netns import` starts from.
import type { Sandbox } from "./sandbox";
import { WORLD } from "./world";

export const HAND_SEEDS: readonly (readonly string[])[] = [
    ["ip", "netns", "add", "ns1"],
    ["ip", "netns", "add", "ns2"],
    ["ip", "netns", "exec", "ns1", "ip", "link", "set", "lo", "up"],
    ["ip", "netns", "exec", "ns2", "ip", "link", "set", "lo", "up"],
    ["ip", "link", "add", "br0", "type", "bridge"],
    ["ip", "link", "set", "br0", "up"],
    ["ip", "addr", "add", "192.168.1.1/24", "dev", "br0"],
    ["ip", "link", "add", "veth0", "type", "veth", "peer", "name", "ceth0"],
    ["ip", "link", "set", "veth0", "master", "br0"],
    ["ip", "link", "set", "veth0", "up"],
    ["ip", "link", "set", "ceth0", "netns", "ns1"],
    ["ip", "netns", "exec", "ns1", "ip", "link", "set", "ceth0", "up"],
    ["ip", "link", "add", "veth1", "type", "veth", "peer", "name", "ceth1"],
    ["ip", "link", "set", "veth1", "master", "br0"],
    ["ip", "link", "set", "veth1", "up"],
    ["ip", "link", "set", "ceth1", "netns", "ns2"],
    ["ip", "netns", "exec", "ns2", "ip", "link", "set", "ceth1", "up"],
    ["ip", "netns", "exec", "ns1", "ip", "addr", "add", "192.168.1.10/24", "dev", "ceth0"],
    ["ip", "netns", "exec", "ns2", "ip", "addr", "add", "192.168.1.11/24", "dev", "ceth1"],
    ["ip", "netns", "exec", "ns1", "ip", "route", "add", "default", "via", "192.168.1.1"],
    ["ip", "netns", "exec", "ns2", "ip", "route", "add", "default", "via", "192.168.1.1"],
    ["sysctl", "-w", "net.ipv4.ip_forward=1"],
    ["iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "192.168.1.0/24", "!", "-o", "br0", "-j", "MASQUERADE"],
    [
        "iptables",
        "-t",
        "nat",
        "-A",
        "PREROUTING",
        "-d",
        WORLD.uplinkAddress,
        "-p",
        "tcp",
        "-m",
        "tcp",
        "--dport",
        "5000",
        "-j",
        "DNAT",
        "--to-destination",
        "192.168.1.10:5000",
    ],
];

/** Types the seeds into the sandbox, one command at a time, as the recipe does. */
export async function typeSeeds(sandbox: Sandbox): Promise<void> {
    for (const argv of HAND_SEEDS) {
        await sandbox.sh(...argv);
    }
}
