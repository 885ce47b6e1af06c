// Upgrade in place: a stack made by the released code before the one-core change (commit
// cc5378b, checked out and built here) is upgraded to this checkout's code. The first `pulumi up`
// with the new code replaces, creates and deletes nothing and updates each resource at most once;
// every kernel object keeps its ifindex; a second `up` changes nothing; destroy leaves nothing.
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExeca } from "../../provider/host/load-execa";
import { PulumiProject, stepsFromEventLog } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";

jest.setTimeout(600_000);

/** The code before the change: main when the one-core issue began. */
const BEFORE = "cc5378b";
const repo = join(__dirname, "..", "..", "..");

async function run(argv: string[], cwd: string): Promise<string> {
    const { execa } = await loadExeca();
    const r = await execa(argv[0], argv.slice(1), { cwd, reject: false, all: true, stdin: "ignore" });
    if (r.exitCode !== 0) {
        throw new Error(`${argv.join(" ")} failed (exit ${r.exitCode}):\n${r.all}`);
    }
    return String(r.stdout);
}

/** The package at `commit`, built (SDK and provider only) with this checkout's node_modules. */
async function buildAt(commit: string): Promise<string> {
    // Outside the repository, where no test runner's file scan meets a second copy of the package.
    const dir = await mkdtemp(join(tmpdir(), `pulumi-netns-${commit}-`));
    const { execa } = await loadExeca();
    const archive = execa("git", ["-C", repo, "archive", "--format=tar", commit], { encoding: "buffer" });
    await execa("tar", ["-x", "-C", dir], { input: (await archive).stdout });
    await symlink(join(repo, "node_modules"), join(dir, "node_modules"));
    const config = { extends: "./tsconfig.json", include: ["provider", "sdk"], exclude: [] };
    await run(["node", "-e", `require("fs").writeFileSync("tsconfig.upgrade.json", ${JSON.stringify(JSON.stringify(config))})`], dir);
    await run([join(repo, "node_modules", ".bin", "tsc"), "-p", "tsconfig.upgrade.json"], dir);
    return dir;
}

interface IpLink {
    ifindex: number;
    ifname: string;
}

/** Every link's ifindex, on the host and in each namespace. */
async function ifindexes(sandbox: Sandbox): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const ns of [undefined, "ns1", "ns2"]) {
        const argv = ns ? ["ip", "-n", ns, "-j", "link", "show"] : ["ip", "-j", "link", "show"];
        for (const l of JSON.parse(await sandbox.sh(...argv)) as IpLink[]) {
            out[`${ns ?? "host"}/${l.ifname}`] = l.ifindex;
        }
    }
    return out;
}

let sandbox: Sandbox;
let before: SandboxSnapshot;
let project: PulumiProject;
let oldBuild: string;
let made: { ifindexes: Record<string, number>; iptables: string; routes: string[]; namespaceOutputs: Record<string, unknown> };

/** Points the program's `pulumi-netns` at a build: the old one, then this checkout. */
async function usePackage(dir: string): Promise<void> {
    const link = join(project.dir, "node_modules", "pulumi-netns");
    await rm(link, { recursive: true, force: true });
    await run(["mkdir", "-p", join(project.dir, "node_modules")], project.dir);
    await symlink(dir, link);
}

beforeAll(async () => {
    oldBuild = await buildAt(BEFORE);
    sandbox = await Sandbox.start();
    before = await sandbox.snapshot();
    project = await PulumiProject.create(sandbox, "test/programs/seed-plain");
    await usePackage(oldBuild);
    await project.up();
    const snapshot = await sandbox.snapshot();
    const state = JSON.parse((await project.ok("stack", "export")).stdout) as {
        deployment: { resources: { urn: string; outputs?: Record<string, unknown> }[] };
    };
    const ns1 = state.deployment.resources.find((r) => r.urn.endsWith("::ns1"));
    made = { ifindexes: await ifindexes(sandbox), iptables: snapshot.iptables, routes: snapshot.routes, namespaceOutputs: ns1?.outputs ?? {} };
    await usePackage(repo);
});

afterAll(async () => {
    await project?.dispose();
    await sandbox?.stop();
    if (oldBuild) {
        await rm(oldBuild, { recursive: true, force: true });
    }
});

test("the old code made the seeds", () => {
    // The provider code that ran was the old one: it records no field added since (`adopt` came later).
    expect(made.namespaceOutputs).toMatchObject({ name: "ns1" });
    expect(made.namespaceOutputs).not.toHaveProperty("adopt");
    expect(Object.keys(made.ifindexes)).toEqual(expect.arrayContaining(["host/br0", "host/veth0", "host/veth1", "ns1/ceth0", "ns2/ceth1"]));
});

test("the first up with the new code replaces, creates and deletes nothing, and updates each resource at most once", async () => {
    const steps = stepsFromEventLog((await project.up("--json")).stdout);
    const changed = steps.filter((s) => s.op !== "same" && s.op !== "refresh");
    expect(changed.filter((s) => s.op !== "update")).toEqual([]);
    const perResource = new Map<string, number>();
    for (const s of changed) {
        perResource.set(s.urn, (perResource.get(s.urn) ?? 0) + 1);
    }
    expect([...perResource.values()].every((n) => n <= 1)).toBe(true);
    expect(await project.lastChanges()).not.toHaveProperty("replace");
});

test("every kernel object is the one the old code made: same ifindex, same rules, same routes", async () => {
    expect(await ifindexes(sandbox)).toEqual(made.ifindexes);
    const now = await sandbox.snapshot();
    expect(now.iptables).toEqual(made.iptables);
    expect(now.routes).toEqual(made.routes);
});

test("a second up with the new code changes nothing, and refresh finds everything", async () => {
    await project.up();
    expect(Object.keys(await project.lastChanges())).toEqual(["same"]);
    await project.ok("refresh", "--yes", "--skip-preview");
    expect(await ifindexes(sandbox)).toEqual(made.ifindexes);
});

test("destroy with the new code leaves the machine as it was", async () => {
    await project.ok("destroy", "--yes", "--skip-preview");
    expect(await sandbox.snapshot()).toEqual(before);
});
