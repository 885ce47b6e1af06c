// The firewall seam as data, like CNI portmap's tests: for each intent of each kind, the exact
// nftables input and the iptables rule both backends make of it; the nft listing parsed back.
import { firewallFromEnvironment } from "../../provider/firewall/choose";
import { iptablesRule } from "../../provider/firewall/iptables-render";
import { nftAddInput, nftComment, nftDeleteInput, nftRuleBody } from "../../provider/firewall/nft-render";
import { parseNftPortClaims } from "../../provider/guard/nft-port-claims";
import type { PortClaim } from "../../provider/guard/port-claims";
import { parseNftRules, parseNftTables } from "../../provider/linux/nft-json";
import { masqueradeRules } from "../../provider/resources/masquerade-rule/rules";
import { masqueradeRuleInputs } from "../../provider/resources/masquerade-rule/schema";
import { portForwardRules } from "../../provider/resources/port-forward/rules";
import { portForwardInputs } from "../../provider/resources/port-forward/schema";
import { fixture } from "../support/fixtures";

const label = "pulumi-netns:0123456789ab";
const masq = (i: Record<string, unknown>) => masqueradeRules(masqueradeRuleInputs.parse({ ownerTag: "0123456789ab", ...i }));
const fwd = (i: Record<string, unknown>, facts = {}) => portForwardRules(portForwardInputs.parse({ ownerTag: "0123456789ab", ...i }), facts);
/** The rules of an nft input, comments cut to the owner (the digest is tested apart). */
const nftRules = (input: string) =>
    input
        .split("\n")
        .filter((l) => l.startsWith("add rule "))
        .map((l) => l.replace(/ comment "(\S+) [0-9a-f]{10}"$/, ' comment "$1"'));

describe("nftables input for each intent", () => {
    test.each([
        [
            "the seeds' masquerade",
            masq({ sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0" }),
            [
                "add table ip pulumi-netns",
                "add chain ip pulumi-netns postrouting { type nat hook postrouting priority 100; policy accept; }",
                `add rule ip pulumi-netns postrouting ip saddr 192.168.1.0/24 oifname != "br0" masquerade comment "${label} d9b1dd17c7"`,
            ],
        ],
        [
            "IPv6 masquerade out one interface",
            masq({ sourceCidr: "fd00:1::/64", outInterface: "eth0" }),
            [
                "add table ip6 pulumi-netns",
                "add chain ip6 pulumi-netns postrouting { type nat hook postrouting priority 100; policy accept; }",
                `add rule ip6 pulumi-netns postrouting ip6 saddr fd00:1::/64 oifname "eth0" masquerade comment "${label} 7b0fb29699"`,
            ],
        ],
    ])("%s", (_name, rules, lines) => {
        expect(nftAddInput(rules, label)).toBe(`${lines.join("\n")}\n`);
    });

    test("masquerade with acceptForward: the subnet's accepts in our forward chain", () => {
        expect(nftRules(nftAddInput(masq({ sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0", acceptForward: true }), label))).toEqual([
            `add rule ip pulumi-netns postrouting ip saddr 192.168.1.0/24 oifname != "br0" masquerade comment "${label}"`,
            `add rule ip pulumi-netns forward iifname "br0" ip saddr 192.168.1.0/24 accept comment "${label}"`,
            `add rule ip pulumi-netns forward oifname "br0" ip daddr 192.168.1.0/24 ct state established,related accept comment "${label}"`,
        ]);
    });

    test("DNAT for clients outside and the host itself, and the hairpin", () => {
        const input = nftAddInput(fwd({ hostPort: 5000, targetAddress: "192.168.1.10" }, { hairpinCidr: "192.168.1.0/24" }), label);
        expect(input.split("\n").filter((l) => l.startsWith("add chain"))).toEqual([
            "add chain ip pulumi-netns prerouting { type nat hook prerouting priority -100; policy accept; }",
            "add chain ip pulumi-netns output { type nat hook output priority -100; policy accept; }",
            "add chain ip pulumi-netns postrouting { type nat hook postrouting priority 100; policy accept; }",
        ]);
        expect(nftRules(input)).toEqual([
            `add rule ip pulumi-netns prerouting fib daddr type local tcp dport 5000 dnat to 192.168.1.10:5000 comment "${label}"`,
            `add rule ip pulumi-netns output fib daddr type local tcp dport 5000 dnat to 192.168.1.10:5000 comment "${label}"`,
            `add rule ip pulumi-netns postrouting ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 5000 ct status dnat masquerade comment "${label}"`,
        ]);
    });

    test("DNAT on one address and interface (no output rule), UDP to another port, with acceptForward", () => {
        const rules = fwd({
            hostPort: 8080,
            targetAddress: "192.168.1.11",
            targetPort: 80,
            protocol: "udp",
            hostAddress: "198.51.100.1",
            inInterface: "eth9",
            acceptForward: true,
        });
        expect(nftRules(nftAddInput(rules, label))).toEqual([
            `add rule ip pulumi-netns prerouting ip daddr 198.51.100.1 iifname "eth9" udp dport 8080 dnat to 192.168.1.11:80 comment "${label}"`,
            `add rule ip pulumi-netns forward ip daddr 192.168.1.11 udp dport 80 ct status dnat accept comment "${label}"`,
            `add rule ip pulumi-netns forward ip saddr 192.168.1.11 udp sport 80 ct state established,related accept comment "${label}"`,
        ]);
    });

    test("IPv6 DNAT: table ip6, the target in brackets", () => {
        expect(nftRules(nftAddInput(fwd({ hostPort: 5000, targetAddress: "fd00:1::10" }, { hairpinCidr: "fd00:1::/64" }), label))).toEqual([
            `add rule ip6 pulumi-netns prerouting fib daddr type local tcp dport 5000 dnat to [fd00:1::10]:5000 comment "${label}"`,
            `add rule ip6 pulumi-netns output fib daddr type local tcp dport 5000 dnat to [fd00:1::10]:5000 comment "${label}"`,
            `add rule ip6 pulumi-netns postrouting ip6 saddr fd00:1::/64 ip6 daddr fd00:1::10 tcp dport 5000 ct status dnat masquerade comment "${label}"`,
        ]);
    });

    test("each rule's mark is its owner and a digest of the rule: two rules of one owner never share one", () => {
        const rules = fwd({ hostPort: 5000, targetAddress: "192.168.1.10", acceptForward: true }, { hairpinCidr: "192.168.1.0/24" });
        const marks = rules.map((r) => nftComment(r, label));
        expect(new Set(marks).size).toBe(rules.length);
        expect(marks.every((m) => m.startsWith(`${label} `))).toBe(true);
        // Stable: the same rule, the same mark (state written by one version is found by the next).
        expect(nftComment(rules[0], label)).toBe(nftComment(fwd({ hostPort: 5000, targetAddress: "192.168.1.10" })[0], label));
        expect(nftRuleBody(rules[0])).toBe("fib daddr type local tcp dport 5000 dnat to 192.168.1.10:5000");
    });

    test("a word nft would read as syntax is refused", () => {
        expect(() => nftAddInput([{ family: 4, hook: "forward", match: [{ inInterface: 'br0" accept' }], action: { accept: true } }], label)).toThrow(
            /cannot pass/,
        );
    });
});

test("delete input: rules by handle, and the table emptied", () => {
    expect(
        nftDeleteInput(
            [
                { family: 4, chain: "postrouting", handle: 8 },
                { family: 6, chain: "prerouting", handle: 2 },
            ],
            [6],
        ),
    ).toBe("delete rule ip pulumi-netns postrouting handle 8\ndelete rule ip6 pulumi-netns prerouting handle 2\ndelete table ip6 pulumi-netns\n");
});

test("the iptables rendering of the same intents is the rules earlier versions made", () => {
    expect(fwd({ hostPort: 5000, targetAddress: "192.168.1.10" }).map((r) => iptablesRule(r, label))).toEqual([
        {
            family: 4,
            table: "nat",
            chain: "PREROUTING",
            spec: [
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
                "-m",
                "comment",
                "--comment",
                label,
                "-j",
                "DNAT",
                "--to-destination",
                "192.168.1.10:5000",
            ],
        },
        {
            family: 4,
            table: "nat",
            chain: "OUTPUT",
            spec: [
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
                "-m",
                "comment",
                "--comment",
                label,
                "-j",
                "DNAT",
                "--to-destination",
                "192.168.1.10:5000",
            ],
        },
    ]);
});

test("an nft listing parsed back: rules with handle, chain and comment; tables", () => {
    const listing = JSON.stringify({
        nftables: [
            { metainfo: { version: "1.0.6" } },
            { table: { family: "ip", name: "pulumi-netns", handle: 1 } },
            { chain: { family: "ip", table: "pulumi-netns", name: "postrouting", handle: 3, type: "nat", hook: "postrouting", prio: 100, policy: "accept" } },
            {
                rule: {
                    family: "ip",
                    table: "pulumi-netns",
                    chain: "postrouting",
                    handle: 8,
                    comment: `${label} 5b8a8d7b0d`,
                    expr: [{ match: { op: "!=", left: { meta: { key: "oifname" } }, right: "br0" } }, { masquerade: null }],
                },
            },
        ],
    });
    expect(parseNftRules(listing)).toEqual([
        { family: "ip", table: "pulumi-netns", chain: "postrouting", handle: 8, comment: `${label} 5b8a8d7b0d`, expr: expect.any(Array) },
    ]);
    expect(parseNftTables(listing)).toEqual(["ip pulumi-netns"]);
});

test("PULUMI_NETNS_FIREWALL chooses for the provider; a wrong value is said plainly", () => {
    expect(firewallFromEnvironment({})).toBeUndefined();
    expect(firewallFromEnvironment({ PULUMI_NETNS_FIREWALL: "nftables" })).toBe("nftables");
    expect(() => firewallFromEnvironment({ PULUMI_NETNS_FIREWALL: "pf" })).toThrow(/PULUMI_NETNS_FIREWALL is "pf": must be "iptables" or "nftables"/);
});

describe("DNAT claims in native nftables rules (recorded: test/fixtures/nft-ruleset-dnat.json)", () => {
    const listing = fixture("nft-ruleset-dnat.json");
    const ports = (claims: PortClaim[]) =>
        claims.map(
            (c) => `${c.protocol} ${c.hostAddress ?? "*"}:${c.ports.map((r) => (r.from === r.to ? r.from : `${r.from}:${r.to}`)).join(",")} ${c.owner ?? "-"}`,
        );

    test("IPv4: a port, a set; an owner from the comment's first word; iptables-nft's nat table only when iptables cannot read it", () => {
        expect(ports(parseNftPortClaims(listing, 4, { withIptablesTables: false }))).toEqual([
            "tcp *:5000 pulumi-netns:0123456789ab",
            "tcp 198.51.100.1:80 -",
            "tcp 198.51.100.1:443 -",
        ]);
        expect(ports(parseNftPortClaims(listing, 4, { withIptablesTables: true }))).toContain("tcp *:9090 -");
        expect(parseNftPortClaims(listing, 4, { withIptablesTables: false })[1].rule).toBe(
            "nft table ip pulumi-netns chain prerouting: tcp dport { 80, 443 } dnat",
        );
    });

    test("IPv6: a range, one claim per port", () => {
        const claims = parseNftPortClaims(listing, 6, { withIptablesTables: false });
        expect(claims).toHaveLength(11);
        expect(claims[0]).toEqual({
            chain: "prerouting",
            protocol: "tcp",
            ports: [{ from: 5000, to: 5000 }],
            rule: "nft table ip6 pulumi-netns chain prerouting: tcp dport 5000-5010 dnat",
        });
    });
});
