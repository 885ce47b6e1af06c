// What other Pulumi languages get from the provider plugin: SDKs generated from the package schema
// (scripts/gen-sdks.sh) - the Go SDK and examples/go compile from their committed go.sum, and
// examples/go's Automation API driver runs the seeds (no DependsOn) and a Network with attach and
// publish for real in a sandbox; the Python SDK installs beside the `pulumi` wheel and runs the
// Python example of the seeds under Pulumi's mocks (test/e2e/python.test.ts runs Python for real) -
// and the plugin tarball that `pulumi plugin install resource netns` takes.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { httpGet, ping } from "../../sandbox/checks";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
import { buildWorld, startServer, WORLD } from "../../sandbox/world";

jest.setTimeout(600_000);

const repo = join(__dirname, "..", "..", "..");
const bin = (process.env.PATH ?? "").split(delimiter).find((dir) => existsSync(join(dir, "pulumi-netns-sdkgen")));
const PULUMI_WHEEL = "pulumi==3.248.0";

/** Runs a command and gives its standard output (`all`: both outputs); fails the test with its output when it fails. */
async function run(argv: string[], options: { cwd?: string; env?: Record<string, string>; all?: boolean } = {}): Promise<string> {
    const { execa } = await loadExeca();
    const r = await execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore", cwd: options.cwd ?? repo, env: options.env, all: true });
    if (r.exitCode !== 0) {
        throw new Error(`${argv.join(" ")} failed (exit ${r.exitCode}):\n${r.all}`);
    }
    return String(options.all ? r.all : r.stdout);
}

beforeAll(async () => {
    expect(bin).toBeDefined();
    await run(["bash", "scripts/gen-sdks.sh", bin!]);
});

// No -mod=mod: the module's go.sum must already hold every sum the build needs.
const GO_ENV = { GOFLAGS: "-mod=readonly" };
const goExample = join(repo, "examples", "go");
let goBinary = "";

test("the generated Go SDK builds, and so does examples/go from its committed go.sum", async () => {
    await run(["go", "build", "./..."], { cwd: join(repo, "sdk", "go"), env: GO_ENV });
    goBinary = join(await mkdtemp(join(repo, ".state", "go-example-")), "netns-go");
    await run(["go", "build", "-o", goBinary, "."], { cwd: goExample, env: GO_ENV });
});

describe("examples/go run for real (Automation API inline programs) in a sandbox", () => {
    let sandbox: Sandbox;
    let before: SandboxSnapshot;
    let backend = "";
    /** The driver's JSON lines, merged. */
    const drive = async (...args: string[]): Promise<Record<string, unknown>> => {
        const env = { PWD: goExample, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "" };
        const text = await run([...sandbox.enterArgv(goExample), goBinary, ...args], { cwd: goExample, env });
        return Object.assign(
            {},
            ...text
                .split("\n")
                .filter((l) => l.startsWith("{"))
                .map((l) => JSON.parse(l)),
        );
    };
    beforeAll(async () => {
        expect(goBinary).not.toBe("");
        backend = join(dirname(goBinary), "backend");
        await mkdir(backend);
        sandbox = await Sandbox.start();
        await buildWorld(sandbox);
        before = await sandbox.snapshot();
    });
    afterAll(async () => {
        if (sandbox) {
            await drive("destroy").catch(() => undefined);
            await drive("destroy", "-program", "network").catch(() => undefined);
            await sandbox.stop();
        }
        await rm(dirname(goBinary), { recursive: true, force: true });
    });

    test("the seeds pass every check, a preview changes nothing, destroy leaves the sandbox as found", async () => {
        await drive("up");
        await startServer(sandbox, "ns1", "192.168.1.10", 5000, "ns1");
        expect(failedChecks(await seedChecks(sandbox))).toEqual([]);
        expect(await drive("preview", "-expect-no-changes")).toEqual({ changes: { same: 11 } });
        await drive("destroy");
        expect(await sandbox.snapshot()).toEqual(before);
    });

    test("a Network with two attached members: they ping each other and the published port answers", async () => {
        const { outputs } = await drive("up", "-program", "network");
        expect(outputs).toMatchObject({ addresses: { db: "10.88.0.2", web: "10.88.0.3" } });
        await startServer(sandbox, "web", "10.88.0.3", 8080, "web");
        expect(await ping(sandbox, "web", "10.88.0.2")).toMatchObject({ ok: true });
        expect(await ping(sandbox, "db", "10.88.0.3")).toMatchObject({ ok: true });
        expect(await httpGet(sandbox, "client", `http://${WORLD.uplinkAddress}:8080/`)).toEqual({ ok: true, detail: `web saw ${WORLD.clientAddress}` });
        await drive("destroy", "-program", "network");
        expect(await sandbox.snapshot()).toEqual(before);
    });
});

test("the generated Python SDK installs with the pulumi wheel and passes the seeds' mocks test", async () => {
    const venv = join(repo, ".state", "python-venv");
    const python = join(venv, "bin", "python");
    if (!existsSync(python)) {
        await run(["python3", "-m", "venv", venv]);
    }
    await run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", PULUMI_WHEEL, "./sdk/python"]);
    const out = await run([python, "-m", "unittest", "-v", "test_seeds"], { cwd: join(repo, "examples", "python"), all: true });
    expect(out).toMatch(/Ran 3 tests[\s\S]*\nOK/);
});

test("the plugin tarball installs with `pulumi plugin install` and the installed plugin serves", async () => {
    const home = await mkdtemp(join(tmpdir(), "netns-plugin-home-"));
    const out = await mkdtemp(join(tmpdir(), "netns-plugin-"));
    try {
        const tarball = (await run(["bash", "scripts/plugin-tarball.sh", out], { env: { SKIP_BUILD: "1" } })).trim().split("\n").pop()!;
        const version = require(join(repo, "package.json")).version as string;
        const env = { PULUMI_HOME: home };
        await run(["pulumi", "plugin", "install", "resource", "netns", version, "--file", tarball], { env });
        const plugins = JSON.parse(await run(["pulumi", "plugin", "ls", "--json"], { env })) as { name: string; kind: string; version: string }[];
        expect(plugins).toEqual([expect.objectContaining({ name: "netns", kind: "resource", version })]);
        // Started as the engine starts it, it prints the port it serves on.
        const { execa } = await loadExeca();
        const plugin = execa(join(home, "plugins", `resource-netns-v${version}`, "pulumi-resource-netns"), ["127.0.0.1:1"], { reject: false });
        // A plugin that cannot start (a dependency missing) ends without a word: fail with what it said.
        const port = await new Promise<string>((resolve) => {
            plugin.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
            plugin.once("exit", () => resolve(""));
        });
        plugin.kill();
        const ended = await plugin;
        expect({ port, stderr: port ? "" : String(ended.stderr) }).toEqual({ port: expect.stringMatching(/^\d+$/), stderr: "" });
    } finally {
        await rm(home, { recursive: true, force: true });
        await rm(out, { recursive: true, force: true });
    }
});
