// The second seed's naming (red/green) is one config change to the example, exactly as the README
// says: the namespaces, their veths and every check follow the names.
import { failedChecks, seedChecks } from "../../sandbox/seed-checks";
import { startServer } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    ready: async (stack) => {
        await stack.project.ok("config", "set", "--path", "namespaces[0]", "red");
        await stack.project.ok("config", "set", "--path", "namespaces[1]", "green");
        await stack.project.up();
        await startServer(stack.sandbox, "red", "192.168.1.10", 5000, "red");
    },
});

test("red and green exist with veth_red/ceth_red and veth_green/ceth_green", async () => {
    expect((await stack.sandbox.sh("ip", "netns", "list")).split("\n").map((l) => l.split(" ")[0])).toEqual(expect.arrayContaining(["red", "green"]));
    expect(await stack.sandbox.sh("ip", "-br", "link", "show", "master", "br0")).toMatch(/veth_red[\s\S]*veth_green|veth_green[\s\S]*veth_red/);
    expect(await stack.sandbox.sh("ip", "-n", "red", "-br", "addr", "show", "dev", "ceth_red")).toMatch(/192\.168\.1\.10\/24/);
});

test("every check of the seeds passes under the red/green names", async () => {
    const layout = {
        names: ["red", "green"] as [string, string],
        addresses: ["192.168.1.10", "192.168.1.11"] as [string, string],
        gateway: "192.168.1.1",
    };
    expect(failedChecks(await seedChecks(stack.sandbox, layout))).toEqual([]);
});

test("destroy: the sandbox exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
