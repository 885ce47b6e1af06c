// A real conflict: an interface of the same name already exists, made by hand. `pulumi up` fails
// naming the resource, the object and the way out, leaves nothing half-made, and converges once
// the conflict is gone.
import { ping } from "../../sandbox/checks";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(240_000);

const stack = useSandboxedStack("examples/two-namespaces", { world: true });

test("up refuses to take over a hand-made veth0 and says how to resolve it", async () => {
    await stack.sandbox.sh("ip", "link", "add", "veth0", "type", "veth", "peer", "name", "mine0");
    const up = await stack.project.pulumi("up", "--yes", "--skip-preview");
    expect(up.exitCode).not.toBe(0);
    expect(up.stdout).toMatch(
        /VethPair "veth0": a veth interface with this name already exists on this machine and this resource did not create it \(it has no pulumi-netns owner tag: made by hand or by another tool\)\. Remove it \("ip link del veth0"\)/,
    );
    // The hand-made pair is untouched and no ceth0 was left inside ns1.
    expect(await stack.sandbox.sh("ip", "-br", "link", "show", "dev", "mine0")).toMatch(/^mine0@veth0/);
    expect((await stack.sandbox.run(["ip", "-n", "ns1", "link", "show", "dev", "ceth0"])).exitCode).not.toBe(0);
});

test("with the conflict removed, the next up converges", async () => {
    await stack.sandbox.sh("ip", "link", "del", "veth0");
    await stack.project.up();
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 12 });
    expect(await ping(stack.sandbox, "ns1", "192.168.1.11")).toMatchObject({ ok: true });
});

test("destroy leaves the sandbox as it was", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
