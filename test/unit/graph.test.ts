import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toDot, toMermaid } from "../../provider/graph/formats";
import { machineFromNetwork } from "../../provider/graph/from-live";
import { topologyFromState } from "../../provider/graph/from-state";
import { natOf } from "../../provider/graph/nat-rules";
import { labelsOf } from "../../provider/graph/topology";
import type { HostNetwork } from "../../provider/inspect/host-network";

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "test", "fixtures", name), "utf8"));

test("the seed stack's state (recorded export): every object, on this machine", () => {
    const t = topologyFromState(fixture("stack-two-namespaces.json"));
    expect(t.machines.map((m) => m.name)).toEqual(["this machine"]);
    const [m] = t.machines;
    expect(m.namespaces).toEqual([
        { name: "ns1", addresses: ["192.168.1.10/24"], owned: true },
        { name: "ns2", addresses: ["192.168.1.11/24"], owned: true },
    ]);
    expect(m.links.map((l) => `${l.peer}/${l.hostEnd}@${l.bridge}`).sort()).toEqual(["ceth0/veth0@br0", "ceth1/veth1@br0"]);
    expect(m.masquerades).toEqual([{ source: "192.168.1.0/24", excludeOutInterface: "br0", owned: true }]);
    expect(m.forwards).toEqual([{ protocol: "tcp", hostPort: 5000, targetAddress: "192.168.1.10", targetPort: 5000, owned: true }]);
    for (const label of labelsOf(t)) {
        expect(toDot(t)).toContain(label);
        expect(toMermaid(t)).toContain(label);
    }
});

test("a stack of the plugin's door (YAML, Python, Go: netns:index:*) draws as the same stack of the TypeScript door", () => {
    const ts = fixture("stack-two-namespaces.json");
    const plugin = JSON.parse(JSON.stringify(ts).replace(/pulumi-nodejs:dynamic\/netns:/g, "netns:index:"));
    expect(JSON.stringify(plugin)).not.toContain("pulumi-nodejs:dynamic/netns:");
    expect(topologyFromState(plugin)).toEqual(topologyFromState(ts));
    expect(topologyFromState(plugin).machines[0].namespaces.map((n) => n.name)).toEqual(["ns1", "ns2"]);
});

test("a stack with no pulumi-netns resource is an error that says so, not an empty picture", () => {
    const state = {
        deployment: {
            resources: [
                { type: "pulumi:pulumi:Stack", outputs: {} },
                { type: "aws:ec2/instance:Instance", outputs: {} },
            ],
        },
    };
    expect(() => topologyFromState(state)).toThrow(
        /the stack has no pulumi-netns resource \(2 resources, none of type netns:index:\* or pulumi-nodejs:dynamic\/netns:\*\)/,
    );
    expect(() => topologyFromState({ deployment: {} })).toThrow(/no pulumi-netns resource/);
});

test("remote resources are grouped by the machine their connection names; an encrypted one stays anonymous", () => {
    const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) });
    const state = {
        deployment: {
            resources: [
                { type: "pulumi-nodejs:dynamic/netns:Namespace", outputs: { name: "a", connection: secret({ host: "10.0.0.5", user: "ubuntu" }) } },
                {
                    type: "pulumi-nodejs:dynamic/netns:Namespace",
                    outputs: { name: "b", connection: { "4dabf18193072939515e22adb298388d": "x", ciphertext: "v1:abc" } },
                },
                { type: "pulumi:pulumi:Stack", outputs: {} },
            ],
        },
    };
    expect(topologyFromState(state).machines.map((m) => [m.name, m.namespaces.map((n) => n.name)])).toEqual([
        ["ubuntu@10.0.0.5:22", ["a"]],
        ["a remote machine (its connection is encrypted: export with --show-secrets)", ["b"]],
    ]);
});

test("NAT from iptables-save: ours and others' (Docker's), the hairpin masquerade folded into its forward", () => {
    const listing = [
        "*nat",
        ":PREROUTING ACCEPT [0:0]",
        '-A PREROUTING -p tcp -m addrtype --dst-type LOCAL -m tcp --dport 5000 -m comment --comment "pulumi-netns:abcdefabcdef" -j DNAT --to-destination 192.168.1.10:5000',
        "-A PREROUTING ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
        '-A POSTROUTING -s 192.168.1.0/24 ! -o br0 -m comment --comment "pulumi-netns:abcdefabcdef" -j MASQUERADE',
        '-A POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10/32 -p tcp -m tcp --dport 5000 -m conntrack --ctstate DNAT -m comment --comment "pulumi-netns:abcdefabcdef" -j MASQUERADE',
        "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
        "COMMIT",
    ].join("\n");
    const nat = natOf(listing);
    expect(nat.forwards).toEqual([
        { protocol: "tcp", hostPort: 5000, targetAddress: "192.168.1.10", targetPort: 5000, owned: true },
        { protocol: "tcp", hostPort: 8080, targetAddress: "172.17.0.2", targetPort: 80, owned: false },
    ]);
    expect(nat.masquerades).toEqual([
        { source: "192.168.1.0/24", excludeOutInterface: "br0", owned: true },
        { source: "172.17.0.0/16", excludeOutInterface: "docker0", owned: false },
    ]);
});

test("a live machine: veths matched end to end by ifindex, others' objects drawn dashed", () => {
    const link = (name: string, index: number, extra: object = {}) => ({ name, index, up: true, mtu: 1500, addresses: [], owned: false, ...extra });
    const network: HostNetwork = {
        machine: "this machine",
        links: [
            link("br0", 3, { kind: "bridge", addresses: ["192.168.1.1/24"], owned: true }),
            link("veth0", 4, { kind: "veth", master: "br0", owned: true, peerIndex: 2 }),
        ],
        routes: [],
        namespaces: [
            {
                name: "ns1",
                owned: true,
                links: [link("lo", 1), link("ceth0", 2, { kind: "veth", peerIndex: 4, owned: true, addresses: ["192.168.1.10/24"] })],
                routes: [{ family: 4, destination: "default", via: "192.168.1.1", device: "ceth0", metric: 0, owned: true }],
            },
            { name: "docker-thing", owned: false, links: [link("lo", 1)], routes: [] },
        ],
        forwarding: { ipv4: true, ipv6: false },
        forwardPolicy: {},
    };
    const m = machineFromNetwork(network, "");
    expect(m.links).toEqual([{ hostEnd: "veth0", peer: "ceth0", namespace: "ns1", bridge: "br0", owned: true }]);
    expect(m.routes).toEqual([{ namespace: "ns1", destination: "default", via: "192.168.1.1", device: "ceth0", owned: true }]);
    const dot = toDot({ machines: [m] });
    expect(dot).toMatch(/m0_ns_docker_2d_thing \[label="namespace docker-thing", shape=box, style="rounded,dashed"/);
    expect(dot).toMatch(/m0_ns_ns1 -> m0_br_br0 \[label="ceth0 ⇄ veth0"\]/);
});

describe("names that look alike or hold syntax", () => {
    const machine = (namespaces: string[]) => ({
        machines: [
            {
                name: 'root@10.0.0.5:22"\n    click x',
                namespaces: namespaces.map((name) => ({ name, addresses: [], owned: true })),
                bridges: [],
                links: namespaces.map((namespace, i) => ({ hostEnd: `veth${i}`, peer: `p${i}`, namespace, owned: true })),
                routes: [],
                masquerades: [],
                forwards: [],
            },
        ],
    });

    test("one node per object: ns.1, ns-1 and ns_1 get ids of their own", () => {
        const t = machine(["ns.1", "ns-1", "ns_1", "ns 1"]);
        for (const text of [toDot(t), toMermaid(t)]) {
            const ids = [...text.matchAll(/^ {8}(m0_ns_\S+?)(?: \[|\[)/gm)].map((m) => m[1]);
            expect(new Set(ids).size).toBe(4);
            for (const name of ["ns.1", "ns-1", "ns_1", "ns 1"]) {
                expect(text).toContain(name);
            }
        }
    });

    test("a label can never start a statement or leave its string, in Mermaid or DOT", () => {
        const hostile = ['a"]\n    evil[("x', "b\r\nclick m0 call alert()", "c#quot;<img src=x onerror=1>|`x`", 'd\\N\\"; e -> f;'];
        const t = machine(hostile);
        const mermaid = toMermaid(t).split("\n").filter(Boolean);
        // Every line is one statement of ours: header, subgraph, a node, an edge, end.
        expect(mermaid).toHaveLength(1 + 1 + 4 * 2 + 4 + 1);
        for (const line of mermaid.slice(1)) {
            expect(line).toMatch(/^( {4}subgraph machine0\["[^"]*"\]| {8}m0_\w+(\["[^"]*"\]|\(\["[^"]*"\]\))| {8}m0_\w+ ---\|"[^"]*"\| m0_\w+| {4}end)$/);
            expect(line).not.toMatch(/<img/); // text only: the statement shapes above hold everything else inside quotes
        }
        const dot = toDot(t).split("\n").filter(Boolean);
        for (const line of dot.slice(4, -2)) {
            // Inside a DOT string: no bare quote, and a backslash only as an escape pair.
            const strings = line.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
            const outside = strings.reduce((rest, s) => rest.replace(s, '""'), line);
            expect(outside).not.toMatch(/[\\\n]|->.*->/);
        }
        expect(toDot(t)).toContain('"namespace d\\\\N\\\\\\"; e -> f;"');
    });
});
