// The pure builders of every kind as data, like CNI portmap's tests: for each input, the exact
// rules or argv; for each field of each kind, what its change does.
import { factories, type Kind } from "../../provider";
import { iptablesRule } from "../../provider/firewall/iptables-render";
import * as ip from "../../provider/linux/ip-argv";
import { reachOf } from "../../provider/linux/ip-json";
import { addRule, deleteRule, formatRule } from "../../provider/linux/iptables-argv";
import { parsePolicy } from "../../provider/linux/iptables-listing";
import { masqueradeRules } from "../../provider/resources/masquerade-rule/rules";
import { masqueradeRuleInputs } from "../../provider/resources/masquerade-rule/schema";
import { portForwardRules } from "../../provider/resources/port-forward/rules";
import { portForwardInputs } from "../../provider/resources/port-forward/schema";
import { kinds } from "../../provider/resources/registry";
import { exactSpec, ourRoute, routeSpec } from "../../provider/resources/route/kernel-route";
import { routeInputs } from "../../provider/resources/route/schema";
import { valueToRestore } from "../../provider/resources/sysctl-forward/switches";

const tag = "pulumi-netns:0123456789ab";
const comment = ["-m", "comment", "--comment", tag];
// The iptables backend's rendering of the kinds' rules.
const masq = (i: Record<string, unknown>) => masqueradeRules(masqueradeRuleInputs.parse({ ownerTag: "0123456789ab", ...i })).map((r) => iptablesRule(r, tag));
const fwd = (i: Record<string, unknown>, facts = {}) =>
    portForwardRules(portForwardInputs.parse({ ownerTag: "0123456789ab", ...i }), facts).map((r) => iptablesRule(r, tag));

describe("MasqueradeRule rules", () => {
    test.each([
        [
            { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0" },
            [["iptables", "-w", "30", "-t", "nat", "-A", "POSTROUTING", "-s", "192.168.1.0/24", "!", "-o", "br0", ...comment, "-j", "MASQUERADE"]],
        ],
        [
            { sourceCidr: "192.168.1.0/24", outInterface: "eth0" },
            [["iptables", "-w", "30", "-t", "nat", "-A", "POSTROUTING", "-s", "192.168.1.0/24", "-o", "eth0", ...comment, "-j", "MASQUERADE"]],
        ],
        [{ sourceCidr: "fd00:1::/64" }, [["ip6tables", "-w", "30", "-t", "nat", "-A", "POSTROUTING", "-s", "fd00:1::/64", ...comment, "-j", "MASQUERADE"]]],
        [
            { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0", acceptForward: true },
            [
                ["iptables", "-w", "30", "-t", "nat", "-A", "POSTROUTING", "-s", "192.168.1.0/24", "!", "-o", "br0", ...comment, "-j", "MASQUERADE"],
                ["iptables", "-w", "30", "-t", "filter", "-A", "FORWARD", "-i", "br0", "-s", "192.168.1.0/24", ...comment, "-j", "ACCEPT"],
                [
                    "iptables",
                    "-w",
                    "30",
                    "-t",
                    "filter",
                    "-A",
                    "FORWARD",
                    "-o",
                    "br0",
                    "-d",
                    "192.168.1.0/24",
                    "-m",
                    "conntrack",
                    "--ctstate",
                    "RELATED,ESTABLISHED",
                    ...comment,
                    "-j",
                    "ACCEPT",
                ],
            ],
        ],
    ])("%j", (inputs, argv) => {
        expect(masq(inputs).map(addRule)).toEqual(argv);
    });
});

describe("PortForward rules", () => {
    const dnat = (to: string) => [...comment, "-j", "DNAT", "--to-destination", to];
    test("any local address: PREROUTING and OUTPUT", () => {
        expect(fwd({ hostPort: 5000, targetAddress: "192.168.1.10" }).map(addRule)).toEqual([
            [
                "iptables",
                "-w",
                "30",
                "-t",
                "nat",
                "-A",
                "PREROUTING",
                "-p",
                "tcp",
                "-m",
                "addrtype",
                "--dst-type",
                "LOCAL",
                "-m",
                "tcp",
                "--dport",
                "5000",
                ...dnat("192.168.1.10:5000"),
            ],
            [
                "iptables",
                "-w",
                "30",
                "-t",
                "nat",
                "-A",
                "OUTPUT",
                "-p",
                "tcp",
                "-m",
                "addrtype",
                "--dst-type",
                "LOCAL",
                "-m",
                "tcp",
                "--dport",
                "5000",
                ...dnat("192.168.1.10:5000"),
            ],
        ]);
    });
    test("a host address and an interface: no OUTPUT rule; another target port", () => {
        expect(
            fwd({
                hostPort: 8080,
                targetAddress: "192.168.1.11",
                targetPort: 80,
                protocol: "udp",
                hostAddress: "198.51.100.1",
                inInterface: "eth9",
            }).map(addRule),
        ).toEqual([
            [
                "iptables",
                "-w",
                "30",
                "-t",
                "nat",
                "-A",
                "PREROUTING",
                "-p",
                "udp",
                "-d",
                "198.51.100.1",
                "-i",
                "eth9",
                "-m",
                "udp",
                "--dport",
                "8080",
                ...dnat("192.168.1.11:80"),
            ],
        ]);
    });
    test("the hairpin masquerade for the target's network, IPv6", () => {
        const rules = fwd({ hostPort: 5000, targetAddress: "fd00:1::10" }, { hairpinCidr: "fd00:1::/64" });
        expect(rules.map((r) => r.family)).toEqual([6, 6, 6]);
        expect(addRule(rules[2])).toEqual([
            "ip6tables",
            "-w",
            "30",
            "-t",
            "nat",
            "-A",
            "POSTROUTING",
            "-s",
            "fd00:1::/64",
            "-d",
            "fd00:1::10",
            "-p",
            "tcp",
            "-m",
            "tcp",
            "--dport",
            "5000",
            "-m",
            "conntrack",
            "--ctstate",
            "DNAT",
            ...comment,
            "-j",
            "MASQUERADE",
        ]);
        expect(dnat("[fd00:1::10]:5000").every((w) => addRule(rules[0]).includes(w))).toBe(true);
    });
    test("acceptForward: exactly the forwarded connections, appended", () => {
        const accepts = fwd({ hostPort: 5000, targetAddress: "192.168.1.10", acceptForward: true }).filter((r) => r.chain === "FORWARD");
        expect(accepts.map(formatRule)).toEqual([
            `-t filter -A FORWARD -d 192.168.1.10 -p tcp -m tcp --dport 5000 -m conntrack --ctstate DNAT -m comment --comment ${tag} -j ACCEPT`,
            `-t filter -A FORWARD -s 192.168.1.10 -p tcp -m tcp --sport 5000 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment ${tag} -j ACCEPT`,
        ]);
        expect(deleteRule(accepts[0]).slice(0, 7)).toEqual(["iptables", "-w", "30", "-t", "filter", "-D", "FORWARD"]);
    });
});

describe("Route argv", () => {
    const r = (i: Record<string, unknown>) => routeInputs.parse(i);
    test.each([
        [
            { namespace: "ns1", destination: "default", via: "192.168.1.1" },
            ["ip", "-n", "ns1", "-4", "route", "add", "default", "via", "192.168.1.1", "proto", "245"],
        ],
        [
            { namespace: "ns1", destination: "default", via: "fd00:1::1" },
            ["ip", "-n", "ns1", "-6", "route", "add", "default", "via", "fd00:1::1", "proto", "245"],
        ],
        [
            { destination: "10.9.0.0/16", device: "br0", metric: 100 },
            ["ip", "-4", "route", "add", "10.9.0.0/16", "dev", "br0", "metric", "100", "proto", "245"],
        ],
    ])("add %j", (inputs, argv) => {
        const parsed = r(inputs);
        expect(ip.routeAdd(routeSpec(parsed), parsed.namespace)).toEqual(argv);
    });
    test("delete names exactly what the kernel made: metric, gateway and device", () => {
        const parsed = r({ namespace: "ns1", destination: "default", via: "192.168.1.1" });
        expect(ip.routeDelete(exactSpec(parsed, { metric: 0, device: "ceth0", via: "192.168.1.1" }), "ns1")).toEqual([
            "ip",
            "-n",
            "ns1",
            "-4",
            "route",
            "del",
            "default",
            "via",
            "192.168.1.1",
            "dev",
            "ceth0",
            "metric",
            "0",
            "proto",
            "245",
        ]);
    });
    test("ours among the kernel's routes: the recorded one, not another stack's", () => {
        const parsed = r({ destination: "10.30.0.0/16", via: "192.168.1.1" });
        const theirs = { destination: "10.30.0.0/16", via: "192.168.1.2", device: "r0", metric: 100, protocol: "245" };
        const mine = { ...theirs, via: "192.168.1.1", metric: 0 };
        expect(ourRoute([theirs, mine], parsed, { metric: 0, device: "r0", via: "192.168.1.1" })).toBe(mine);
        expect(ourRoute([theirs], parsed, { metric: 0, device: "r0", via: "192.168.1.1" })).toBeUndefined();
    });
});

test.each([
    [1, 0, 0],
    [1, undefined, undefined],
    [0, 0, undefined],
    [1, 1, undefined],
    [2, 0, undefined],
])("valueToRestore(current %p, previous %p) = %p", (current, previous, expected) => {
    expect(valueToRestore(current, previous)).toBe(expected);
});

test.each([
    [[], { kind: "unreachable" }],
    [[{ destination: "default", via: "198.51.100.2", device: "uplink0", metric: 0, protocol: "" }], { kind: "unreachable" }],
    [
        [
            { destination: "default", via: "1.1.1.1", metric: 0, protocol: "" },
            { destination: "192.168.1.0/24", device: "br0", metric: 0, protocol: "kernel" },
        ],
        { kind: "on-link", network: "192.168.1.0/24" },
    ],
    [[{ destination: "10.0.0.0/8", via: "192.168.1.2", metric: 0, protocol: "" }], { kind: "routed" }],
    [
        [
            { destination: "10.0.0.0/8", device: "br0", metric: 0, protocol: "" },
            { destination: "10.1.0.0/16", via: "10.0.0.2", metric: 0, protocol: "" },
        ],
        { kind: "routed" },
    ],
])("reachOf(%j) = %j", (routes, reach) => {
    expect(reachOf(routes)).toEqual(reach);
});

test("parsePolicy", () => {
    expect(parsePolicy("-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n")).toBe("DROP");
    expect(parsePolicy("")).toBeUndefined();
});

/** A valid input of each kind, and for each field another valid value. */
const samples: Record<Exclude<Kind, "StackIdentity">, [Record<string, unknown>, Record<string, unknown>]> = {
    VxlanTunnel: [
        { name: "vx0", vni: 42, localAddress: "10.77.0.2", remotes: ["10.77.0.3"], dstPort: 4789, bridge: "br0", mtu: 1450 },
        { name: "vx1", vni: 43, localAddress: "10.77.0.9", remotes: ["10.77.0.4", "10.77.0.5"], dstPort: 8472, bridge: "br1", mtu: 1400 },
    ],
    Probe: [
        { from: "ns1", to: "10.0.0.1", kind: "tcp", port: 80, path: "/", expect: "reachable", timeoutSeconds: 5, attempts: 3 },
        { from: "host", to: "fd00::1", kind: "http", port: 8080, path: "/health", expect: "unreachable", timeoutSeconds: 2, attempts: 1 },
    ],
    Service: [
        {
            name: "web",
            namespace: "ns1",
            command: ["python3", "-m", "http.server"],
            environment: { A: "1" },
            user: "nobody",
            workingDirectory: "/srv",
            restart: "always",
            readyPort: 80,
            readyTimeoutSeconds: 5,
        },
        {
            name: "web2",
            namespace: "ns2",
            command: ["/usr/bin/env"],
            environment: { B: "2" },
            user: "root",
            workingDirectory: "/tmp",
            restart: "no",
            readyPort: 8080,
            readyTimeoutSeconds: 9,
        },
    ],
    Namespace: [
        { name: "ns1", loopbackUp: true },
        { name: "ns2", loopbackUp: false },
    ],
    AddressPool: [
        { network: "lab", subnet: "10.0.0.0/24", subnet6: "fd00:1::/64", members: [{ key: "ns1" }] },
        { network: "lab2", subnet: "10.0.1.0/24", subnet6: "fd00:2::/64", members: [{ key: "ns1" }, { key: "ns2" }] },
    ],
    ResolvConf: [
        { namespace: "ns1", nameservers: ["10.0.0.53"], search: [] },
        { namespace: "ns2", nameservers: ["10.0.0.54"], search: ["lab"] },
    ],
    Bridge: [
        { name: "br0", addresses: ["10.0.0.1/24"], mtu: 1500, allowOverlap: false },
        { name: "br1", addresses: ["10.0.1.1/24"], mtu: 9000, allowOverlap: true },
    ],
    VethPair: [
        { hostName: "v0", peerName: "c0", namespace: "ns1", bridge: "br0", addresses: [], mtu: 1500, allowOverlap: false },
        { hostName: "v1", peerName: "c1", namespace: "ns2", bridge: "br1", addresses: ["10.0.0.9/24"], mtu: 9000, allowOverlap: true },
    ],
    Route: [
        { destination: "10.9.0.0/16", namespace: "ns1", via: "10.0.0.1", device: "c0", metric: 1, allowOverlap: false },
        { destination: "10.8.0.0/16", namespace: "ns2", via: "10.0.0.2", device: "c1", metric: 2, allowOverlap: true },
    ],
    SysctlForward: [
        { ipv4: true, ipv6: false, ownerName: { stack: "organization/p/dev", resource: "forward" } },
        { ipv4: false, ipv6: true, ownerName: { stack: "organization/p/dev", resource: "fwd" } },
    ],
    MasqueradeRule: [
        { sourceCidr: "10.0.0.0/24", excludeOutInterface: "br0", outInterface: "eth0", acceptForward: false, firewall: "iptables" },
        { sourceCidr: "10.0.1.0/24", excludeOutInterface: "br1", outInterface: "eth1", acceptForward: true, firewall: "nftables" },
    ],
    PortForward: [
        {
            hostPort: 1,
            targetAddress: "10.0.0.1",
            protocol: "tcp",
            hostAddress: "10.0.0.9",
            targetPort: 1,
            inInterface: "eth0",
            acceptForward: false,
            allowPortInUse: false,
            firewall: "iptables",
        },
        {
            hostPort: 2,
            targetAddress: "10.0.0.2",
            protocol: "udp",
            hostAddress: "10.0.0.8",
            targetPort: 2,
            inInterface: "eth1",
            acceptForward: true,
            allowPortInUse: true,
            firewall: "nftables",
        },
    ],
};

describe.each(Object.keys(samples) as (keyof typeof samples)[])("%s: each field's change does what its table says", (kind) => {
    const [base, other] = samples[kind];
    const noHost = () => {
        throw new Error("diff must not reach a host");
    };
    test.each(Object.entries(kinds[kind].fields))("%s: %s", async (field, change) => {
        const olds = { ...base, ownerTag: "0123456789ab" };
        const diff = await factories[kind](noHost).diff!("id", olds, { ...olds, [field]: other[field] });
        expect(diff.changes).toBe(true);
        expect(diff.replaces).toEqual(change === "name" || change === "replace" ? [field] : []);
    });
});
