// Both doors are one core: the same program (the seeds plus a Service with a secret in its
// environment) through the TypeScript SDK and through the plugin in YAML, one after the other on one
// machine whose PID 1 is systemd, leaves the same kernel state, the same outputs, the same fields
// secret in `pulumi stack export` (never a secret in plaintext, after a refresh too) and the same
// preview of a change to the environment (its values never shown).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PulumiProject, STATE_DIR } from "../../sandbox/pulumi-project";
import type { Sandbox, SandboxSnapshot } from "../../sandbox/sandbox";
import { SystemdSandbox } from "../../sandbox/systemd-sandbox";

jest.setTimeout(600_000);

const SECRET = "parity-secret-5d2b";
const PLAIN = "parity-plain-7c1a"; // plain in the program, secret because the schema says so
const CHANGED = "parity-changed-9e3f";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const CLI = join(__dirname, "..", "..", "provider", "graph", "cli.js");

type Door = "ts" | "yaml";
interface Seen {
    kernel: unknown;
    outputs: Record<string, unknown>;
    /** Per resource name, the paths of its inputs and outputs that state holds encrypted. */
    secrets: Record<string, string[]>;
    /** What a preview of a changed environment plans: resource name and operation. */
    plan: string[];
    texts: string[];
    /** `pulumi-netns graph --format dot` of the stack. */
    graph: string;
    /** `pulumi-netns forwarding list --file`: the stack's owner records (stack and resource). */
    forwarding: string;
    /** `pulumi-netns graph` once the stack is destroyed. */
    emptyGraph: { exitCode: number; stderr: string };
}

/** Owner marks differ by door and stack (they are derived from each one's identity); the rest must not. */
const unmarked = (s: string): string => s.replace(/pulumi-netns:[0-9a-f]{12}/g, "pulumi-netns:TAG");

interface IpLink {
    ifname: string;
    mtu: number;
    flags: string[];
    master?: string;
    ifalias?: string;
    linkinfo?: { info_kind?: string };
    addr_info: { local: string; prefixlen: number }[];
}

async function links(sandbox: Sandbox, ns?: string) {
    const argv = ns ? ["ip", "-n", ns, "-d", "-j", "addr", "show"] : ["ip", "-d", "-j", "addr", "show"];
    return (JSON.parse(await sandbox.sh(...argv)) as IpLink[])
        .map((l) => ({
            name: l.ifname,
            kind: l.linkinfo?.info_kind,
            mtu: l.mtu,
            up: l.flags.includes("UP"),
            master: l.master,
            alias: l.ifalias && unmarked(l.ifalias),
            // Link-local addresses follow the random MAC addresses of each run.
            addresses: l.addr_info
                .filter((a) => !a.local.startsWith("fe80:"))
                .map((a) => `${a.local}/${a.prefixlen}`)
                .sort(),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** What the kernel and systemd hold, owner marks aside. */
async function kernelState(sandbox: Sandbox) {
    const namespaces: Record<string, unknown> = {};
    for (const ns of ["ns1", "ns2"]) {
        namespaces[ns] = { links: await links(sandbox, ns), routes: (await sandbox.sh("ip", "-n", ns, "route", "show")).trim().split("\n") };
    }
    const unit = await sandbox.sh("systemctl", "show", "netns-web.service", "--property=ActiveState,DynamicUser,NetworkNamespacePath", "--no-pager");
    return {
        links: await links(sandbox),
        namespaces,
        iptables: unmarked(await sandbox.iptablesRules()),
        forwarding: (await sandbox.sh("sysctl", "-n", "net.ipv4.ip_forward")).trim(),
        unit: unit.trim().split("\n").sort(),
    };
}

/** The paths under `value` that hold an encrypted secret. */
function secretPathsOf(value: unknown, at: string): string[] {
    if (value === null || typeof value !== "object") {
        return [];
    }
    if (SIG_KEY in value) {
        return [at];
    }
    return Object.entries(value).flatMap(([k, v]) => secretPathsOf(v, `${at}.${k}`));
}

async function exported(project: PulumiProject): Promise<{ text: string; secrets: Record<string, string[]> }> {
    const text = (await project.ok("stack", "export")).stdout;
    const resources = JSON.parse(text).deployment.resources as { urn: string; type: string; inputs?: unknown; outputs?: unknown }[];
    const secrets: Record<string, string[]> = {};
    // StackIdentity is the TypeScript SDK's own (owner tags derive from it); the plugin has none.
    for (const r of resources.filter((r) => /^netns:index:|^pulumi-nodejs:dynamic\/netns:(?!StackIdentity)/.test(r.type))) {
        const name = r.urn.split("::").pop()!;
        secrets[name] = [...secretPathsOf(r.inputs, "inputs"), ...secretPathsOf(r.outputs, "outputs")].sort();
    }
    return { text, secrets };
}

let sandbox: SystemdSandbox;
let before: SandboxSnapshot;
const seen: Partial<Record<Door, Seen>> = {};

/** Up, read back, refresh, preview a change, destroy: what one door shows. */
async function throughDoor(door: Door): Promise<Seen> {
    const project = await PulumiProject.create(sandbox, door === "ts" ? "test/programs/parity-ts" : "test/programs/parity-yaml");
    try {
        const texts: string[] = [];
        texts.push((await project.up()).stdout);
        const kernel = await kernelState(sandbox);
        const outputs = JSON.parse(unmarked(JSON.stringify(await project.outputs())));
        const { text, secrets } = await exported(project);
        texts.push(text);
        texts.push((await project.ok("refresh", "--yes", "--skip-preview")).stdout);
        texts.push((await exported(project)).text);
        await project.setConfig({ mode: CHANGED });
        texts.push((await project.ok("preview", "--diff")).stdout);
        const events = (await project.ok("preview", "--json")).stdout;
        const plan = (JSON.parse(events).steps as { op: string; urn: string }[])
            .filter((s) => s.op !== "same")
            .map((s) => `${s.urn.split("::").pop()} ${s.op}`)
            .sort();
        // Run from the sandbox's root: the CLI's own commands run in its working directory.
        const cli = (...args: string[]) => sandbox.run(["node", CLI, ...args]);
        const shown = async (...args: string[]) => {
            const r = await cli(...args);
            return r.exitCode === 0 ? r.stdout : `exit ${r.exitCode}: ${r.stderr}`;
        };
        // The CLIs read the stack from an export (`--stack` runs the same `pulumi stack export`).
        const exportTo = async (file: string) => {
            await writeFile(join(project.dir, file), (await project.ok("stack", "export", "--show-secrets")).stdout);
            return join(project.dir, file);
        };
        const state = await exportTo("state.json");
        const graph = await shown("graph", "--format", "dot", "--file", state);
        const forwarding = await shown("forwarding", "list", "--file", state);
        await project.ok("destroy", "--yes", "--skip-preview");
        const { exitCode, stderr } = await cli("graph", "--file", await exportTo("destroyed.json"));
        return { kernel, outputs, secrets, plan, texts, graph, forwarding, emptyGraph: { exitCode, stderr } };
    } finally {
        await project.dispose();
    }
}

beforeAll(async () => {
    sandbox = await SystemdSandbox.boot(STATE_DIR);
    before = await sandbox.snapshot();
    seen.yaml = await throughDoor("yaml");
    expect(await sandbox.snapshot()).toEqual(before);
    seen.ts = await throughDoor("ts");
});

afterAll(async () => {
    await sandbox?.stop();
});

test.each(["yaml", "ts"] as Door[])("%s: no value of the environment in plaintext in state (after refresh too), in up or in preview --diff", (door) => {
    for (const text of seen[door]!.texts) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(PLAIN);
        expect(text).not.toContain(CHANGED);
    }
});

test("the environment is what state holds secret, in inputs and outputs, through both doors", () => {
    expect(seen.yaml!.secrets.web).toEqual(["inputs.environment", "outputs.environment"]);
    expect(seen.yaml!.secrets).toEqual(seen.ts!.secrets);
});

test("the same kernel state and systemd unit", () => {
    expect(seen.yaml!.kernel).toEqual(seen.ts!.kernel);
    expect(seen.ts!.kernel).toMatchObject({ forwarding: "1", unit: expect.arrayContaining(["ActiveState=active"]) });
});

test("the same outputs", () => {
    expect(seen.yaml!.outputs).toEqual(seen.ts!.outputs);
    expect(seen.ts!.outputs).toMatchObject({ namespaces: ["ns1", "ns2"], unit: "netns-web.service" });
});

test("the same preview of a changed environment: the Service updated in place, nothing else", () => {
    expect(seen.yaml!.plan).toEqual(["web update"]);
    expect(seen.ts!.plan).toEqual(seen.yaml!.plan);
});

test("pulumi-netns graph draws the same picture of both doors' stacks, and refuses a stack with nothing of pulumi-netns", () => {
    expect(seen.yaml!.graph).toContain("namespace ns1");
    // The same lines; edges come in the order each stack lists its resources.
    const lines = (dot: string) => dot.split("\n").sort();
    expect(lines(seen.yaml!.graph)).toEqual(lines(seen.ts!.graph));
    for (const door of ["yaml", "ts"] as Door[]) {
        expect(seen[door]!.emptyGraph).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("the stack has no pulumi-netns resource") });
    }
});

test("pulumi-netns forwarding list --file shows the stack's owner record, named, through both doors", () => {
    expect(seen.yaml!.forwarding).toMatch(/net\.ipv4\.ip_forward\s+[0-9a-f]{12}\s+parity\/test\s+forward\s/);
    expect(seen.ts!.forwarding).toMatch(/net\.ipv4\.ip_forward\s+[0-9a-f]{12}\s+(organization\/)?parity\/test\s+forward\s/);
});

test("destroy leaves the machine as it was", async () => {
    expect(await sandbox.snapshot()).toEqual(before);
});
