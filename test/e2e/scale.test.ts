// Fifty namespaces with veths on one bridge, fifty routes and fifty port forwards: created with
// the engine's default parallelism and with --parallel 64, three rounds in a row, every object
// present, no lock or netlink races, every destroy clean. Then `pulumi up` killed with SIGKILL
// midway, and the recovery: cancel, refresh clearing the pending creates, then up.
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(900_000);

const COUNT = 50;
const stack = useSandboxedStack("test/programs/scale", {
    ready: async (stack) => {
        await stack.project.setConfig({ count: String(COUNT) });
    },
});

/** Everything the program declares, counted in the kernel. */
async function census() {
    const namespaces = JSON.parse((await stack.sandbox.sh("ip", "-j", "netns", "list")) || "[]").length;
    const enslaved = await stack.sandbox.run(["ip", "-j", "link", "show", "master", "brs"]);
    const links = enslaved.exitCode === 0 ? JSON.parse(enslaved.stdout).length : 0; // no bridge yet: none
    let routes = 0;
    for (let i = 0; i < COUNT; i++) {
        const r = await stack.sandbox.run(["ip", "-n", `s${i}`, "-j", "route", "show", "default"]);
        routes += r.exitCode === 0 ? JSON.parse(r.stdout).length : 0;
    }
    const nat = (await stack.sandbox.sh("iptables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A")).length;
    return { namespaces, links, routes, nat };
}
const complete = { namespaces: COUNT, links: COUNT, routes: COUNT, nat: 3 * COUNT };

test.each([
    ["default parallelism", []],
    ["--parallel 64", ["--parallel", "64"]],
    ["default parallelism, again", []],
])("round with %s: all present, then destroyed clean", async (_name, flags) => {
    await stack.project.up(...flags);
    expect(await census()).toEqual(complete);
    expect(await stack.project.lastChanges()).toEqual({ create: 1 + 1 + 1 + 4 * COUNT });
    await stack.project.ok("destroy", "--yes", "--skip-preview", ...flags);
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("SIGKILL midway through up: refresh then up converge, nothing leaked", async () => {
    const run = await stack.project.start("up", "--yes", "--skip-preview");
    // Kill once some, not all, namespaces exist.
    for (let i = 0; i < 600; i++) {
        const made = JSON.parse((await stack.sandbox.sh("ip", "-j", "netns", "list")) || "[]").length;
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
    await stack.project.ok("cancel", "--yes");
    await stack.project.ok("refresh", "--yes", "--skip-preview", "--clear-pending-creates");
    await stack.project.up();
    expect(await census()).toEqual(complete);
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 1 + 1 + 1 + 4 * COUNT });

    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
