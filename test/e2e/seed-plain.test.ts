// The seeds' topology written as a newcomer writes it (test/programs/seed-plain: no dependsOn, only
// the arguments the README shows): it must work as well as the careful example, survive a reboot
// with one `pulumi up --refresh`, and leave nothing behind.
import type { Sandbox } from "../../sandbox/sandbox";
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
import { startServer } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const stack = useSandboxedStack("test/programs/seed-plain", {
    world: true,
    ready: async (stack) => {
        await stack.project.up();
        await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    },
});

test("every check of the seeds passes after one up", async () => {
    expect(failedChecks(await seedChecks(stack.sandbox))).toEqual([]);
});

test("a second up changes nothing", async () => {
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 12 });
});

/** What a reboot does to the stack's objects: all gone, forwarding back to its boot value. */
async function simulateReboot(sandbox: Sandbox): Promise<void> {
    for (const veth of ["veth0", "veth1"]) {
        await sandbox.sh("ip", "link", "del", veth);
    }
    await sandbox.sh("ip", "link", "del", "br0");
    // The server in ns1 keeps the namespace alive; a reboot kills it too.
    await sandbox.run(["ip", "netns", "pids", "ns1"]).then(async (r) => {
        for (const pid of r.stdout.split("\n").filter(Boolean)) {
            await sandbox.run(["kill", "-9", pid]);
        }
    });
    await sandbox.sh("ip", "netns", "del", "ns1");
    await sandbox.sh("ip", "netns", "del", "ns2");
    await sandbox.sh("iptables", "-w", "-t", "nat", "-F");
    await sandbox.sh("sysctl", "-qw", "net.ipv4.ip_forward=0");
}

test("after a reboot, `pulumi up --refresh` restores everything and the next preview shows no changes", async () => {
    await simulateReboot(stack.sandbox);
    await stack.project.up("--refresh");
    await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    expect(failedChecks(await seedChecks(stack.sandbox))).toEqual([]);
    const preview = await stack.project.pulumi("preview", "--expect-no-changes");
    expect(preview).toMatchObject({ exitCode: 0 });
});

test("destroy: the sandbox exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
