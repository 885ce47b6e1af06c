// The real Pulumi CLI drives Namespace and Bridge on a sandbox's kernel: up, no-op up, drift
// repair through refresh, an in-place update, and a destroy that leaves the sandbox as it was.
import { configuredAddresses, parseAddresses, parseLinks } from "../../provider/linux/ip-json";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(180_000);

const stack = useSandboxedStack("examples/quickstart");

const bridge = async () => {
    const r = await stack.sandbox.run(["ip", "-j", "-d", "link", "show", "dev", "br0"]);
    return r.exitCode === 0 ? parseLinks(r.stdout)[0] : undefined;
};
const bridgeAddresses = async () => configuredAddresses(parseAddresses(await stack.sandbox.sh("ip", "-j", "addr", "show", "dev", "br0")));

test("the built CLI is the pinned version", async () => {
    expect((await stack.project.ok("version")).stdout.trim()).toBe("v3.248.0");
});

test("up creates the namespace and the bridge in the kernel", async () => {
    await stack.project.up();
    expect(await bridge()).toMatchObject({ kind: "bridge", up: true });
    expect(await bridgeAddresses()).toEqual(["192.168.1.1/24"]);
    expect(await stack.sandbox.sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
    const lo = parseLinks(await stack.sandbox.sh("ip", "-n", "ns1", "-j", "link", "show", "dev", "lo"))[0];
    expect(lo.up).toBe(true);
    expect(await stack.project.lastChanges()).toEqual({ create: 4 });
    expect((await stack.project.outputs()).bridgeMac).toBe((await bridge())?.macAddress);
});

test("a second up changes nothing", async () => {
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 4 });
});

test("a bridge deleted by hand: refresh drops it, up recreates it", async () => {
    await stack.sandbox.sh("ip", "link", "del", "br0");
    await stack.project.ok("refresh", "--yes", "--skip-preview");
    expect(await stack.project.resourceTypes()).not.toContain("pulumi-nodejs:dynamic/netns:Bridge");
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ create: 1, same: 3 });
    expect(await bridgeAddresses()).toEqual(["192.168.1.1/24"]);
});

test("a new bridge address is one in-place update, not a replace", async () => {
    const mac = (await bridge())?.macAddress;
    await stack.project.setConfig({ bridgeAddress: "192.168.7.1/24" });
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ update: 1, same: 3 });
    expect(await bridgeAddresses()).toEqual(["192.168.7.1/24"]);
    expect((await bridge())?.macAddress).toBe(mac); // same kernel object
});

test("destroy leaves the sandbox exactly as it was", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
