// A host whose FORWARD policy is DROP, as Docker leaves it: preview says so and names the option;
// with acceptForward the seed topology works, and destroy takes its ACCEPT rules away again.
import { httpGet, ping } from "../../sandbox/checks";
import { startServer, WORLD } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(240_000);

const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    prepare: async (sandbox) => {
        await sandbox.sh("iptables", "-w", "-P", "FORWARD", "DROP");
    },
});

test("preview refuses, naming acceptForward and why", async () => {
    const preview = await stack.project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout).toMatch(
        /MasqueradeRule resource 'nat': property acceptForward value .* has a problem: the FORWARD chain on this machine drops by default/,
    );
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});

test("with acceptForward: true, traffic flows through the DROP policy", async () => {
    await stack.project.setConfig({ acceptForward: "true" });
    await stack.project.up();
    await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
    expect(await ping(stack.sandbox, "ns1", "192.168.1.11")).toMatchObject({ ok: true }); // bridged, crosses FORWARD
    expect(await httpGet(stack.sandbox, "ns1", `http://${WORLD.internetAddress}:${WORLD.internetPort}/`)).toEqual({
        ok: true,
        detail: `the internet saw ${WORLD.uplinkAddress}`,
    });
    expect(await httpGet(stack.sandbox, "client", `http://${WORLD.uplinkAddress}:5000/`)).toEqual({
        ok: true,
        detail: `ns1 saw ${WORLD.clientAddress}`,
    });
    expect((await stack.sandbox.sh("iptables", "-w", "-S", "FORWARD")).match(/-j ACCEPT/g)).toHaveLength(4);
});

test("destroy removes the ACCEPT rules and leaves the DROP policy as it was", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
    expect(stack.before.iptables).toMatch(/:FORWARD DROP/);
});
