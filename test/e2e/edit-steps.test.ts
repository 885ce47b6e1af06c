// Update vs replace, exactly: a program edited twice, each `pulumi up` counted as the engine
// records it, with delete-first replaces checked in its event stream, and the kernel after each step.
import { parseLinks } from "../../provider/linux/ip-json";
import { stepsFromEventLog } from "../../sandbox/pulumi-project";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(180_000);

const stack = useSandboxedStack("test/programs/edit-steps");

/** Runs `pulumi up` at a program version; returns the engine's steps in order. */
async function upAt(step: number) {
    await stack.project.setConfig({ step: String(step) });
    return stepsFromEventLog((await stack.project.up("--json")).stdout);
}
const link = async (name: string) => parseLinks(await stack.sandbox.sh("ip", "-j", "-d", "link", "show", "dev", name))[0];
const N = 8; // the stack, its identity and six resources

test("version 1 creates everything", async () => {
    await upAt(1);
    expect(await stack.project.lastChanges()).toEqual({ create: N });
    expect((await link("vx0")).master).toBe("br0");
});

test("version 2: bridge address and veth bridge change = two updates, nothing replaced", async () => {
    const indexes = [(await link("br0")).index, (await link("vx0")).index];
    await upAt(2);
    expect(await stack.project.lastChanges()).toEqual({ update: 2, same: N - 2 });
    expect((await link("vx0")).master).toBe("br1");
    expect(await stack.sandbox.sh("ip", "-br", "addr", "show", "dev", "br0")).toMatch(/10\.10\.0\.2\/24/);
    expect([(await link("br0")).index, (await link("vx0")).index]).toEqual(indexes); // the same kernel objects
});

test("version 3: namespace rename and port change = two replaces, the namespace deleted first", async () => {
    const steps = await upAt(3);
    expect(await stack.project.lastChanges()).toEqual({ replace: 2, same: N - 2 });
    const ops = (suffix: string) => steps.filter((s) => s.urn.endsWith(suffix)).map((s) => s.op);
    const apps = ops("Namespace::apps");
    expect(apps.indexOf("delete-replaced")).toBeLessThan(apps.indexOf("create-replacement"));
    const web = ops("PortForward::web");
    expect(web.indexOf("create-replacement")).toBeLessThan(web.indexOf("delete-replaced"));
    expect(
        JSON.parse(await stack.sandbox.sh("ip", "-j", "netns", "list"))
            .map((n: { name: string }) => n.name)
            .sort(),
    ).toEqual(["nsb", "nsv"]);
    expect(await stack.sandbox.sh("iptables-save", "-t", "nat")).toMatch(/--dport 5001 /);
    expect(await stack.sandbox.sh("iptables-save", "-t", "nat")).not.toMatch(/--dport 5000 /);
});

test("an up with no change reports no operations", async () => {
    await upAt(3);
    expect(await stack.project.lastChanges()).toEqual({ same: N });
});

test("destroy leaves the sandbox as it was", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
