// What other Pulumi languages get from the provider plugin: SDKs generated from the package schema
// (scripts/gen-sdks.sh) - the Go SDK and the Go example of the seeds compile, the Python SDK installs
// beside the `pulumi` wheel and runs the Python example of the seeds under Pulumi's mocks - and the
// plugin tarball that `pulumi plugin install resource netns` takes.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";

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

const GO_ENV = { GOFLAGS: "-mod=mod", GONOSUMDB: "github.com/pulumi" };

test("the generated Go SDK builds, and so does the seeds' program written against it", async () => {
    await run(["go", "build", "./..."], { cwd: join(repo, "sdk", "go"), env: GO_ENV });
    await run(["go", "build", "-o", "/dev/null", "."], { cwd: join(repo, "examples", "go"), env: GO_ENV });
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
