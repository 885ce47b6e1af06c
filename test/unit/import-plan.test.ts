// `pulumi-netns import`'s planner and writers on a snapshot recorded from the seeds typed by hand
// in a sandbox (test/fixtures/import-seeds-snapshot.json), and on variations of it: what is
// declared, with references between resources, and what is left alone, with the reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeProgram } from "../../provider/import/cli";
import type { ProgramModel } from "../../provider/import/model";
import { handMadeNat } from "../../provider/import/nat-rules";
import { planImport } from "../../provider/import/plan";
import type { MachineSnapshot } from "../../provider/import/snapshot";

// js-yaml (already in the tree, through jest) ships no types; its load is all this test needs.
const { load } = require("js-yaml") as { load(text: string): unknown };

const seeds = (): MachineSnapshot =>
    JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "test", "fixtures", "import-seeds-snapshot.json"), "utf8")) as MachineSnapshot;

const summary = (m: ProgramModel) => m.resources.map((r) => `${r.kind} ${r.name}`);
const alone = (m: ProgramModel, what: string) => m.leftAlone.find((l) => l.what.startsWith(what))?.why;

test("the seeds: one resource per object, references between them, the world and the uplink left alone", () => {
    const model = planImport(seeds());
    expect(summary(model)).toEqual([
        "Namespace ns1",
        "Namespace ns2",
        "Bridge br0",
        "VethPair veth0",
        "VethPair veth1",
        "Route ns1-default",
        "Route ns2-default",
        "SysctlForward forward",
        "MasqueradeRule br0-nat",
        "PortForward tcp-5000",
    ]);
    expect(model.resources.every((r) => r.props.at(-1)?.[0] === "adopt")).toBe(true);
    expect(Object.fromEntries(model.resources.find((r) => r.name === "br0-nat")!.props)).toEqual({
        sourceCidr: "192.168.1.0/24",
        excludeOutInterface: { ref: "br0", field: "name" },
        adopt: true,
    });
    expect(alone(model, "link uplink0")).toMatch(/uplink/);
    expect(alone(model, "namespace outside")).toMatch(/uplink/);
    expect(alone(model, "namespace wan")).toMatch(/other namespaces/);
});

test("TypeScript: the SDK's classes, variables only where referenced, comments for what is left alone", () => {
    const ts = writeProgram(planImport(seeds()), "typescript");
    expect(ts).toContain('import * as netns from "pulumi-netns";');
    expect(ts).toContain('const ns1 = new netns.Namespace("ns1", { adopt: true });');
    expect(ts).toContain(
        'const veth0 = new netns.VethPair("veth0", { hostName: "veth0", peerName: "ceth0", namespace: ns1.name, bridge: br0.name, addresses: ["192.168.1.10/24"], adopt: true });',
    );
    expect(ts).toContain(
        'new netns.Route("ns1-default", { namespace: ns1.name, destination: "default", via: "192.168.1.1", adopt: true }, { dependsOn: [veth0] });',
    );
    expect(ts).toContain('new netns.PortForward("tcp-5000", { hostPort: 5000, hostAddress: "198.51.100.1", targetAddress: "192.168.1.10", adopt: true });');
    expect(ts).toMatch(/\/\/ {3}link uplink0: the uplink/);
    expect(ts).not.toContain("connection");
});

test("YAML: a whole Pulumi.yaml that reads back as the program, references as ${resource.name}", () => {
    const doc = load(writeProgram(planImport(seeds()), "yaml", "lab")) as {
        name: string;
        runtime: string;
        resources: Record<string, { type: string; properties?: Record<string, unknown>; options?: { dependsOn?: string[] } }>;
    };
    expect(doc.name).toBe("lab");
    expect(doc.runtime).toBe("yaml");
    expect(Object.keys(doc.resources)).toHaveLength(10);
    expect(doc.resources.veth0).toEqual({
        type: "netns:VethPair",
        properties: {
            hostName: "veth0",
            peerName: "ceth0",
            namespace: "${ns1.name}",
            bridge: "${br0.name}",
            addresses: ["192.168.1.10/24"],
            adopt: true,
        },
    });
    expect(doc.resources["ns1-default"].options).toEqual({ dependsOn: ["${veth0}"] });
    expect(doc.resources.br0.properties).toEqual({ addresses: ["192.168.1.1/24"], mtu: 1500, adopt: true });
});

test("Python and Go: the generated SDKs' spellings", () => {
    const model = planImport(seeds());
    const py = writeProgram(model, "python");
    expect(py).toContain("import pulumi_netns as netns");
    expect(py).toContain('netns.MasqueradeRule("br0-nat", source_cidr="192.168.1.0/24", exclude_out_interface=br0.name, adopt=True)');
    expect(py).toContain("opts=pulumi.ResourceOptions(depends_on=[veth0])");
    const go = writeProgram(model, "go");
    expect(go).toContain('br0, err := netns.NewBridge(ctx, "br0", &netns.BridgeArgs{');
    expect(go).toContain("\t\t\tExcludeOutInterface: br0.Name,");
    expect(go).toContain("pulumi.DependsOn([]pulumi.Resource{veth0})");
    // Unreferenced resources get no variable (Go refuses unused ones).
    expect(go).toContain('if _, err := netns.NewPortForward(ctx, "tcp-5000"');
});

test("over SSH: the TypeScript program takes the connection from config", () => {
    const ts = writeProgram(planImport(seeds(), { remote: true }), "typescript");
    expect(ts).toContain('const connection = new pulumi.Config().requireSecretObject<netns.Connection>("connection");');
    expect(ts).toContain('new netns.Namespace("ns1", { connection, adopt: true })');
    expect(writeProgram(planImport(seeds(), { remote: true }), "yaml")).toContain("netns:connection.host");
});

test("what a stack owns, Docker's network and rules, and shapes the kinds do not make are left alone", () => {
    const s = seeds();
    s.network.links.push(
        { name: "docker0", index: 40, kind: "bridge", up: true, mtu: 1500, addresses: ["172.17.0.1/16"], owned: false },
        { name: "mine", index: 41, kind: "bridge", up: true, mtu: 1500, addresses: [], owned: true },
    );
    s.network.namespaces.find((n) => n.name === "ns2")!.owned = true;
    s.nat4 = [
        "*nat",
        ":PREROUTING ACCEPT [0:0]",
        ":DOCKER - [0:0]",
        "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
        "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
        "-A POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE",
        "-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.1.11:80",
        '-A PREROUTING -d 198.51.100.1/32 -p tcp -m tcp --dport 7000 -m comment --comment "pulumi-netns:0123456789ab" -j DNAT --to-destination 192.168.1.10:7000',
        "-A DOCKER -i docker0 -j RETURN",
        "COMMIT",
    ].join("\n");
    const model = planImport(s);
    expect(summary(model)).not.toContain("Bridge docker0");
    expect(summary(model)).not.toContain("Namespace ns2");
    expect(summary(model)).not.toContain("VethPair veth1");
    expect(alone(model, "bridge docker0")).toMatch(/Docker/);
    expect(alone(model, "bridge mine")).toBe("a stack owns it");
    expect(alone(model, "namespace ns2")).toBe("a stack owns it");
    expect(alone(model, "iptables nat: -A POSTROUTING -s 172.17.0.0/16")).toMatch(/docker0/);
    expect(alone(model, "iptables nat: -A PREROUTING -p tcp -m tcp --dport 8080")).toMatch(/not a shape/);
    expect(alone(model, "iptables nat: -A DOCKER")).toMatch(/chain of its own/);
    expect(model.leftAlone.some((l) => l.what.includes("pulumi-netns:0123456789ab"))).toBe(false);
    expect(summary(model).filter((s) => s.startsWith("MasqueradeRule"))).toEqual(["MasqueradeRule br0-nat"]);
});

test("names: a kernel name two kinds share is told apart; lo down is said; a MASQUERADE with -o", () => {
    const s = seeds();
    s.network.links.find((l) => l.name === "br0")!.name = "ns1";
    for (const l of s.network.links) {
        if (l.master === "br0") {
            l.master = "ns1";
        }
    }
    s.network.namespaces.find((n) => n.name === "ns2")!.links.find((l) => l.name === "lo")!.up = false;
    s.nat4 = "-A POSTROUTING -s 10.0.0.0/8 -o uplink0 -j MASQUERADE\n";
    const model = planImport(s);
    expect(summary(model)).toContain("Bridge ns1-br");
    expect(model.resources.find((r) => r.name === "ns1-br")!.props[0]).toEqual(["name", "ns1"]);
    expect(Object.fromEntries(model.resources.find((r) => r.name === "veth0")!.props).bridge).toEqual({ ref: "ns1-br", field: "name" });
    expect(model.resources.find((r) => r.name === "ns2")!.props).toEqual([
        ["loopbackUp", false],
        ["adopt", true],
    ]);
    expect(Object.fromEntries(model.resources.find((r) => r.kind === "MasqueradeRule")!.props)).toEqual({
        sourceCidr: "10.0.0.0/8",
        outInterface: "uplink0",
        adopt: true,
    });
    expect(writeProgram(model, "typescript")).toContain("const ns1Br = new netns.Bridge(");
});

test("nat rules: exactly the kinds' shapes, IPv6 too, and a DNAT for the host alone", () => {
    const nat = handMadeNat(
        6,
        [
            "-A PREROUTING -d 2001:db8:1::1/128 -p udp -m udp --dport 53 -j DNAT --to-destination [fd00:1::10]:5353",
            "-A POSTROUTING -s fd00:1::/64 ! -o br0 -j MASQUERADE",
            "-A POSTROUTING -s fd00:1::/64 -m mark --mark 1 -j MASQUERADE",
        ].join("\n"),
        "pulumi-netns:",
    );
    expect(nat.forwards).toEqual([
        expect.objectContaining({
            chain: "PREROUTING",
            protocol: "udp",
            hostPort: 53,
            hostAddress: "2001:db8:1::1",
            targetAddress: "fd00:1::10",
            targetPort: 5353,
        }),
    ]);
    expect(nat.masquerades).toEqual([expect.objectContaining({ sourceCidr: "fd00:1::/64", excludeOutInterface: "br0" })]);
    expect(nat.others).toEqual([expect.objectContaining({ why: expect.stringMatching(/not a shape/) })]);
});
