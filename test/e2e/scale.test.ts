// Fifty namespaces with veths on one bridge, fifty routes and fifty port forwards: created with
// the engine's default parallelism and with --parallel 64, three rounds in a row, every object
// present, no lock or netlink races, every destroy clean. Then `pulumi up` killed with SIGKILL
// midway, and the recovery: cancel, refresh clearing the pending creates, then up.
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";

jest.setTimeout(900_000);

const COUNT = 50;
let sandbox: Sandbox;
let project: PulumiProject;
let before: SandboxSnapshot;

beforeAll(async () => {
    sandbox = await Sandbox.start();
    before = await sandbox.snapshot();
    project = await PulumiProject.create(sandbox, "test/programs/scale");
    await project.setConfig({ count: String(COUNT) });
});
afterAll(async () => {
    await project?.dispose();
    await sandbox?.stop();
});

/** Everything the program declares, counted in the kernel. */
async function census() {
    const namespaces = JSON.parse((await sandbox.sh("ip", "-j", "netns", "list")) || "[]").length;
    const links = JSON.parse(await sandbox.sh("ip", "-j", "link", "show", "master", "brs")).length;
    let routes = 0;
    for (let i = 0; i < COUNT; i++) {
        const r = await sandbox.run(["ip", "-n", `s${i}`, "-j", "route", "show", "default"]);
        routes += r.exitCode === 0 ? JSON.parse(r.stdout).length : 0;
    }
    const nat = (await sandbox.sh("iptables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A")).length;
    return { namespaces, links, routes, nat };
}
const complete = { namespaces: COUNT, links: COUNT, routes: COUNT, nat: 3 * COUNT };

test.each([["default parallelism", []], ["--parallel 64", ["--parallel", "64"]], ["default parallelism, again", []]])(
    "round with %s: all present, then destroyed clean", async (_name, flags) => {
        await project.up(...flags);
        expect(await census()).toEqual(complete);
        expect(await project.lastChanges()).toEqual({ create: 1 + 1 + 4 * COUNT });
        await project.ok("destroy", "--yes", "--skip-preview", ...flags);
        expect(await sandbox.snapshot()).toEqual(before);
    });

test("SIGKILL midway through up: refresh then up converge, nothing leaked", async () => {
    const run = await project.start("up", "--yes", "--skip-preview");
    // Kill once some, not all, namespaces exist.
    for (let i = 0; i < 600; i++) {
        const made = JSON.parse((await sandbox.sh("ip", "-j", "netns", "list")) || "[]").length;
        if (made >= 10) {
            break;
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(-run.pid, "SIGKILL");
    await run.done;
    const partial = await census();
    expect(partial.namespaces).toBeGreaterThan(0);
    expect(partial).not.toEqual(complete);

    // The killed run left its lock and pending creates: cancel drops the lock, refresh clears the
    // pending creates, and up adopts what the killed run made (same owner tags).
    await project.ok("cancel", "--yes");
    await project.ok("refresh", "--yes", "--skip-preview", "--clear-pending-creates");
    await project.up();
    expect(await census()).toEqual(complete);
    await project.up();
    expect(await project.lastChanges()).toEqual({ same: 1 + 1 + 4 * COUNT });

    await project.ok("destroy", "--yes", "--skip-preview");
    expect(await sandbox.snapshot()).toEqual(before);
});
