// Drift, one kind at a time, on the seed topology: the kernel is changed behind Pulumi's back,
// `pulumi refresh` reports it, `pulumi up` repairs exactly that, and nothing else is touched.
import { ping } from "../../sandbox/checks";
import { WORLD } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(240_000);

const TOTAL = 12; // the stack, its identity and ten resources
const stack = useSandboxedStack("examples/two-namespaces", {
    world: true,
    ready: async (stack) => {
        await stack.project.up();
    },
});

/** ifindex of every link in the host namespace: an untouched link keeps its index. */
const linkIndexes = async () =>
    Object.fromEntries(
        (JSON.parse(await stack.sandbox.sh("ip", "-j", "link", "show")) as { ifname: string; ifindex: number }[]).map((l) => [l.ifname, l.ifindex]),
    );

/** Refresh, then up: returns what each of them changed. */
async function refreshAndRepair() {
    const refresh = await stack.project.ok("refresh", "--yes", "--skip-preview");
    await stack.project.up();
    return { refreshOutput: refresh.stdout, repaired: await stack.project.lastChanges() };
}

test("the bridge address taken away", async () => {
    const links = await linkIndexes();
    await stack.sandbox.sh("ip", "addr", "del", "192.168.1.1/24", "dev", "br0");
    const { refreshOutput, repaired } = await refreshAndRepair();
    expect(refreshOutput.match(/^.* updated \(.*$/gm)).toEqual([expect.stringMatching(/Bridge br0 updated/)]);
    expect(repaired).toEqual({ update: 1, same: TOTAL - 1 });
    expect(await stack.sandbox.sh("ip", "-br", "addr", "show", "dev", "br0")).toMatch(/192\.168\.1\.1\/24/);
    expect(await linkIndexes()).toEqual(links);
});

test("a veth moved off the bridge", async () => {
    await stack.sandbox.sh("ip", "link", "set", "veth0", "nomaster");
    const { refreshOutput, repaired } = await refreshAndRepair();
    expect(refreshOutput.match(/^.* updated \(.*$/gm)).toEqual([expect.stringMatching(/VethPair ns1-link updated/)]);
    expect(repaired).toEqual({ update: 1, same: TOTAL - 1 });
    expect(await stack.sandbox.sh("ip", "-d", "link", "show", "dev", "veth0")).toMatch(/master br0/);
});

test("ip_forward set back to 0", async () => {
    await stack.sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    const { refreshOutput, repaired } = await refreshAndRepair();
    expect(refreshOutput.match(/^.* updated \(.*$/gm)).toEqual([expect.stringMatching(/SysctlForward forward updated/)]);
    expect(repaired).toEqual({ update: 1, same: TOTAL - 1 });
    expect((await stack.sandbox.sh("sysctl", "-n", "net.ipv4.ip_forward")).trim()).toBe("1");
});

test("the nat table flushed, as a firewall restart would", async () => {
    await stack.sandbox.sh("iptables", "-w", "-t", "nat", "-F");
    const { refreshOutput, repaired } = await refreshAndRepair();
    expect(refreshOutput).toMatch(/MasqueradeRule nat .*deleted/);
    expect(refreshOutput).toMatch(/PortForward http .*deleted/);
    expect(repaired).toEqual({ create: 2, same: TOTAL - 2 });
    expect((await stack.sandbox.sh("iptables-save", "-t", "nat")).match(/^-A /gm)).toHaveLength(4);
    expect(await ping(stack.sandbox, "ns1", WORLD.internetAddress)).toMatchObject({ ok: true });
});

test("a namespace deleted: it, its veth and its route come back", async () => {
    await stack.sandbox.sh("ip", "netns", "del", "ns2");
    // The kernel frees a deleted namespace's interfaces asynchronously.
    for (let i = 0; i < 50 && (await stack.sandbox.run(["ip", "link", "show", "dev", "veth1"])).exitCode === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
    const { repaired } = await refreshAndRepair();
    expect(repaired).toEqual({ create: 3, same: TOTAL - 3 });
    expect(await ping(stack.sandbox, "ns2", "192.168.1.10")).toMatchObject({ ok: true });
    expect(await ping(stack.sandbox, "ns2", WORLD.internetAddress)).toMatchObject({ ok: true });
});

test("after all that, destroy still leaves the sandbox as it was", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
