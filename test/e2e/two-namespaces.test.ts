// The seeds' whole topology through the real CLI, verified like the seeds verify it, then
// destroyed without a trace. The sandbox also holds the outside world (wan, client).
import { startServer } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";
import { seedTrafficTests } from "../support/seed-traffic";

jest.setTimeout(240_000);

const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    ready: async (stack) => {
        await stack.project.up();
        await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    },
});

test("outputs name what a user needs", async () => {
    expect(await stack.project.outputs()).toMatchObject({
        bridgeAddress: "192.168.1.1",
        namespaces: ["ns1", "ns2"],
        addresses: { ns1: "192.168.1.10", ns2: "192.168.1.11" },
        forwarded: { hostPort: 5000, target: "192.168.1.10:5000" },
    });
});

seedTrafficTests(stack);

test("a second up changes nothing", async () => {
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 12 });
});

test("destroy: links, namespaces, iptables and sysctls exactly as before up", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
