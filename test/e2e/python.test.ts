// Python programs run for real: examples/python's Automation API driver (inline programs, so no
// Python language host is needed) with the SDK generated from the package schema, in a virtualenv
// beside `pulumi` 3.248.0, over the plugin installed from its tarball into a fresh Pulumi home (the
// SDK asks for the plugin's exact version; automatic downloads are off, so a mismatch fails).
// One sandbox for the file: the seeds as a user writes them (ping matrix, NAT, DNAT, a preview
// with no changes, a destroy that leaves the sandbox as found), the Network component served by
// the plugin (construct, and call for attach and publish) with two members, and the seeds again on
// a second sandbox, a "remote machine" with a real sshd, over SSH.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { httpGet, ping } from "../../sandbox/checks";
import { cableSandboxes, MGMT } from "../../sandbox/link";
import { STATE_DIR } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
import { type SshServer, startSshServer } from "../../sandbox/ssh-server";
import { buildWorld, startServer, WORLD } from "../../sandbox/world";

jest.setTimeout(600_000);

const repo = join(__dirname, "..", "..", "..");
const example = join(repo, "examples", "python");
const version = require(join(repo, "package.json")).version as string;
const path = (process.env.PATH ?? "").split(delimiter);
const bin = path.find((dir) => existsSync(join(dir, "pulumi-netns-sdkgen")));
// The plugin of this clone is not on PATH: the one installed from the tarball must be found.
const PATH = path.filter((dir) => !existsSync(join(dir, "pulumi-resource-netns"))).join(delimiter);

/** What the graph of the seeds shows (as test/e2e/graph.test.ts checks it for the TypeScript stack). */
const SEED_OBJECTS = [
    "namespace ns1",
    "namespace ns2",
    "192.168.1.10/24",
    "bridge br0",
    "192.168.1.1/24",
    "ceth0 ⇄ veth0",
    "default via 192.168.1.1",
    "masquerade 192.168.1.0/24",
    "tcp *:5000",
    "→ 192.168.1.10:5000",
];

let sandbox: Sandbox;
let before: SandboxSnapshot;
let remote: Sandbox;
let remoteBefore: SandboxSnapshot;
let server: SshServer;
let remoteArgs: string[] = [];
let python = "";
let home = "";
let backend = "";

async function run(argv: string[], env: Record<string, string> = {}, cwd = repo): Promise<string> {
    const { execa } = await loadExeca();
    const r = await execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore", cwd, env: { PATH, ...env }, all: true });
    if (r.exitCode !== 0) {
        throw new Error(`${argv.join(" ")} failed (exit ${r.exitCode}):\n${r.all}`);
    }
    return String(r.all);
}

/** `python automation.py ARGS` inside the sandbox; its JSON lines parsed into one object. */
async function automation(...args: string[]): Promise<{ text: string; json: Record<string, unknown> }> {
    const env = {
        PWD: example,
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${backend}`,
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    };
    const text = await run([...sandbox.enterArgv(example), python, "automation.py", ...args], env, example);
    const json = Object.assign(
        {},
        ...text
            .split("\n")
            .filter((l) => l.startsWith("{"))
            .map((l) => JSON.parse(l)),
    );
    return { text, json };
}

beforeAll(async () => {
    expect(bin).toBeDefined();
    python = (await run(["bash", "scripts/python-env.sh", bin!], { REGENERATE: "1" })).trim().split("\n").pop()!;
    home = await mkdtemp(join(STATE_DIR, "python-home-"));
    backend = join(home, "backend");
    const tarball = (await run(["bash", "scripts/plugin-tarball.sh", join(home, "tarball")], { SKIP_BUILD: "1" })).trim().split("\n").pop()!;
    await run(["pulumi", "plugin", "install", "resource", "netns", version, "--file", tarball], { PULUMI_HOME: home });
    await run(["mkdir", "-p", backend]);
    sandbox = await Sandbox.start();
    await buildWorld(sandbox);
    remote = await Sandbox.start();
    await buildWorld(remote);
    await cableSandboxes(remote, sandbox);
    server = await startSshServer(remote, MGMT.remoteAddress);
    const key = join(home, "client-key");
    await writeFile(key, server.privateKey, { mode: 0o600 });
    remoteArgs = ["--stack", "remote", "--remote", MGMT.remoteAddress, "--key", key, "--host-key", server.hostKey];
    before = await sandbox.snapshot();
    remoteBefore = await remote.snapshot();
});

afterAll(async () => {
    if (sandbox) {
        await automation("destroy").catch(() => undefined);
        await automation("destroy", "--program", "network").catch(() => undefined);
        await automation("destroy", ...remoteArgs).catch(() => undefined);
        await server?.dispose();
        await remote?.stop();
        await sandbox.stop();
    }
    if (home) {
        await rm(home, { recursive: true, force: true });
    }
});

// Both programs at once, as two stacks on the one sandbox (their names, subnets and ports differ):
// the file's time is mostly Pulumi's, and the two overlap.
let seedsUp = "";
let network: Record<string, unknown> = {};
beforeAll(async () => {
    const [seeds, lab] = await Promise.all([automation("up"), automation("up", "--program", "network"), automation("up", ...remoteArgs)]);
    seedsUp = seeds.text;
    network = lab.json.outputs as Record<string, unknown>;
    await startServer(sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    await startServer(sandbox, "web", "10.88.0.3", 8080, "web");
    await startServer(remote, "ns1", "192.168.1.10", 5000, "ns1");
});

describe("the seeds, written as a user writes them", () => {
    test("are made by the plugin installed from the tarball, at the SDK's version", () => {
        expect(seedsUp).toMatch(/\+ 11 created/);
        expect(seedsUp).not.toMatch(/from \$PATH/);
    });

    test("pass every check: pings, NAT seen from the internet, DNAT from an outside client", async () => {
        expect(failedChecks(await seedChecks(sandbox))).toEqual([]);
    });

    test("pulumi-netns graph draws the Python stack from its state", async () => {
        const file = join(home, "seeds-state.json");
        await writeFile(file, JSON.stringify((await automation("export")).json));
        const dot = await run(["node", join(repo, "dist", "provider", "graph", "cli.js"), "graph", "--file", file, "--format", "dot"]);
        for (const object of SEED_OBJECTS) {
            expect(dot).toContain(object);
        }
    });
});

describe("a Network of two members, attached and published through the plugin's component", () => {
    test("the pool hands the members the first free addresses, in the order of their names", () => {
        expect(network).toMatchObject({ addresses: { db: "10.88.0.2", web: "10.88.0.3" }, forwarded: [expect.stringContaining("DNAT")] });
    });

    test("getHostNetwork, a function of the plugin, reads the machine: its uplink", () => {
        expect(network.uplink).toBe("uplink0");
    });

    test.each([
        ["web", "10.88.0.2"],
        ["db", "10.88.0.3"],
        ["web", "10.88.0.1"],
        ["db", WORLD.internetAddress],
    ])("%s pings %s", async (from, to) => {
        expect(await ping(sandbox, from, to)).toMatchObject({ ok: true });
    });

    test("an outside client reaches the published port of web", async () => {
        expect(await httpGet(sandbox, "client", `http://${WORLD.uplinkAddress}:8080/`)).toEqual({ ok: true, detail: `web saw ${WORLD.clientAddress}` });
    });
});

describe("the seeds on a remote machine, over SSH (the provider's connection from the command line)", () => {
    test("pass every check there, while this machine gains nothing", async () => {
        expect(failedChecks(await seedChecks(remote))).toEqual([]);
        const here = await sandbox.snapshot();
        expect(here.links).not.toContain("veth0");
        expect(here.iptables).not.toContain("pulumi-netns:");
    });

    test("the private key is nowhere in the stack's state but encrypted", async () => {
        const state = JSON.stringify((await automation("export", ...remoteArgs)).json);
        expect(state).toContain(MGMT.remoteAddress);
        expect(state).not.toContain(server.privateKey.split("\n")[1]);
    });
});

test("a preview of each stack afterwards changes nothing", async () => {
    const [seeds, lab, far] = await Promise.all([
        automation("preview", "--expect-no-changes"),
        automation("preview", "--program", "network", "--expect-no-changes"),
        automation("preview", "--expect-no-changes", ...remoteArgs),
    ]);
    expect([seeds.json.changes, lab.json.changes, far.json.changes]).toEqual([{ same: 11 }, { same: 15 }, { same: 12 }]);
});

test("destroying them leaves both machines exactly as found", async () => {
    await Promise.all([automation("destroy"), automation("destroy", "--program", "network"), automation("destroy", ...remoteArgs)]);
    expect(await sandbox.snapshot()).toEqual(before);
    expect(await remote.snapshot()).toEqual(remoteBefore);
});
