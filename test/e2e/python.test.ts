// Python programs run for real: examples/python's Automation API driver (inline programs, so no
// Python language host is needed) with the SDK generated from the package schema, in a virtualenv
// beside `pulumi` 3.248.0, over the plugin installed from its tarball into a fresh Pulumi home (the
// SDK asks for the plugin's exact version; automatic downloads are off, so a mismatch fails).
// One sandbox for the file: the seeds as a user writes them (ping matrix, NAT, DNAT, a preview
// with no changes, a destroy that leaves the sandbox as found), then the Network component served
// by the plugin (construct, and call for attach and publish) with two members.
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { httpGet, ping } from "../../sandbox/checks";
import { STATE_DIR } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
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
    before = await sandbox.snapshot();
});

afterAll(async () => {
    if (sandbox) {
        await automation("destroy").catch(() => undefined);
        await automation("destroy", "--program", "network").catch(() => undefined);
        await sandbox.stop();
    }
    if (home) {
        await rm(home, { recursive: true, force: true });
    }
});

describe("the seeds, written as a user writes them", () => {
    let up = "";
    beforeAll(async () => {
        up = (await automation("up")).text;
        await startServer(sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    });

    test("are made by the plugin installed from the tarball, at the SDK's version", () => {
        expect(up).toMatch(/\+ 11 created/);
        expect(up).not.toMatch(/from \$PATH/);
    });

    test("pass every check: pings, NAT seen from the internet, DNAT from an outside client", async () => {
        expect(failedChecks(await seedChecks(sandbox))).toEqual([]);
    });

    test("a preview afterwards changes nothing", async () => {
        const { json } = await automation("preview", "--expect-no-changes");
        expect(json.changes).toEqual({ same: 11 });
    });

    test("pulumi-netns graph draws the Python stack from its state", async () => {
        const file = join(home, "seeds-state.json");
        await writeFile(file, JSON.stringify((await automation("export")).json));
        const dot = await run(["node", join(repo, "dist", "provider", "graph", "cli.js"), "graph", "--file", file, "--format", "dot"]);
        for (const object of SEED_OBJECTS) {
            expect(dot).toContain(object);
        }
    });

    test("destroy leaves the sandbox exactly as found", async () => {
        await automation("destroy");
        expect(await sandbox.snapshot()).toEqual(before);
    });
});

describe("a Network of two members, attached and published through the plugin's component", () => {
    let outputs: Record<string, unknown> = {};
    beforeAll(async () => {
        outputs = (await automation("up", "--program", "network")).json.outputs as Record<string, unknown>;
        await startServer(sandbox, "web", "10.88.0.3", 8080, "web");
    });

    test("the pool hands the members the first free addresses, in the order of their names", () => {
        expect(outputs).toMatchObject({ addresses: { db: "10.88.0.2", web: "10.88.0.3" }, forwarded: [expect.stringContaining("DNAT")] });
    });

    test("getHostNetwork, a function of the plugin, reads the machine: its uplink", () => {
        expect(outputs.uplink).toBe("uplink0");
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

    test("a preview afterwards changes nothing", async () => {
        const { json } = await automation("preview", "--program", "network", "--expect-no-changes");
        expect(json.changes).toEqual({ same: 15 });
    });

    test("destroy leaves the sandbox exactly as found", async () => {
        await automation("destroy", "--program", "network");
        expect(await sandbox.snapshot()).toEqual(before);
    });
});
