// Probes during `up`, against the seed topology: all pass; then each cause broken on purpose
// (forwarding off, a veth down, the DNAT rule deleted) fails `up` with a message naming it, and
// `pulumi refresh` records a changed result as drift.
import { PulumiProject } from "../../sandbox/pulumi-project";
import { startServer } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

let probes: PulumiProject;
const seed = useSandboxedStack("test/programs/seed-plain", {
    world: true,
    ready: async (stack) => {
        await stack.project.up();
        await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
        probes = await PulumiProject.create(stack.sandbox, "test/programs/probes");
    },
});
afterAll(() => probes?.dispose());

/** Probe results as recorded in the probes stack's state. */
async function results(): Promise<Record<string, unknown>> {
    const state = JSON.parse((await probes.ok("stack", "export")).stdout);
    return Object.fromEntries(
        state.deployment.resources
            .filter((r: { type: string }) => r.type.endsWith("netns:Probe"))
            .map((r: { urn: string; outputs: { result: string; inSync: boolean } }) => [
                r.urn.split("::").pop(),
                `${r.outputs.result}${r.outputs.inSync ? "" : " (drift)"}`,
            ]),
    );
}

/** A fresh `up` of one probe that must fail; returns pulumi's output. */
async function failingUp(only: string): Promise<string> {
    await probes.ok("destroy", "--yes", "--skip-preview");
    await probes.setConfig({ only, quick: "true" });
    const r = await probes.pulumi("up", "--yes", "--skip-preview");
    expect(r.exitCode).not.toBe(0);
    return r.stdout;
}

test("on the working topology every probe passes", async () => {
    await probes.up();
    expect(await results()).toEqual({ "ns1-to-ns2": "reachable", "ns1-to-wan": "reachable", "client-to-web": "reachable" });
});

test("forwarding turned off: refresh records the drift, and up fails naming forwarding", async () => {
    await probes.setConfig({ quick: "true" });
    await probes.up();
    await seed.sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    try {
        await probes.ok("refresh", "--yes", "--skip-preview");
        expect(await results()).toEqual({ "ns1-to-ns2": "reachable", "ns1-to-wan": "unreachable (drift)", "client-to-web": "unreachable (drift)" });
        const up = await probes.pulumi("up", "--yes", "--skip-preview");
        expect(up.exitCode).not.toBe(0);
        expect(up.stdout).toMatch(/ns1-to-wan[\s\S]*ping from ns1 to 203\.0\.113\.1: unreachable after 1 attempt/);
        expect(up.stdout).toMatch(/Likely cause: forwarding is off on the host \(net\.ipv4\.ip_forward = 0\)/);
    } finally {
        await seed.sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=1");
    }
    await probes.up();
    expect(await results()).toEqual({ "ns1-to-ns2": "reachable", "ns1-to-wan": "reachable", "client-to-web": "reachable" });
});

test("a veth set down: up fails naming the link", async () => {
    await seed.sandbox.sh("ip", "link", "set", "veth1", "down");
    try {
        expect(await failingUp("ns1-to-ns2")).toMatch(/Likely cause: veth1 \(host\) is down/);
    } finally {
        await seed.sandbox.sh("ip", "link", "set", "veth1", "up");
    }
});

test("the DNAT rule deleted: up fails saying nothing listens there and no NAT rule forwards it", async () => {
    const rule = (await seed.sandbox.sh("iptables", "-t", "nat", "-S", "PREROUTING")).split("\n").find((l) => l.includes("--dport 5000"))!;
    await seed.sandbox.sh(
        "iptables",
        "-t",
        "nat",
        ...rule
            .replace(/^-A /, "-D ")
            .split(" ")
            .map((w) => w.replace(/^"|"$/g, "")),
    );
    const out = await failingUp("client-to-web");
    expect(out).toMatch(/http to port 5000 from client to 198\.51\.100\.1: unreachable/);
    expect(out).toMatch(/NAT rules that matched: none\s+Likely cause: nothing on the host listens on port 5000 and no NAT rule forwards it/);
    // The seed stack puts its rule back.
    await seed.project.up("--refresh");
});

test("destroy of both stacks: the sandbox exactly as before", async () => {
    await probes.ok("destroy", "--yes", "--skip-preview");
    await seed.project.ok("destroy", "--yes", "--skip-preview");
    expect(await seed.sandbox.snapshot()).toEqual(seed.before);
});
