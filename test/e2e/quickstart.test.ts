// The real Pulumi CLI drives Namespace and Bridge on a sandbox's kernel: up, no-op up, drift
// repair through refresh, an in-place update, and a destroy that leaves the sandbox as it was.
import { configuredAddresses, parseAddresses, parseLinks } from "../../provider/linux/ip-json";
import { PulumiProject } from "../../sandbox/pulumi-project";
import { Sandbox, type SandboxSnapshot } from "../../sandbox/sandbox";

jest.setTimeout(180_000);

let sandbox: Sandbox;
let project: PulumiProject;
let before: SandboxSnapshot;

beforeAll(async () => {
    sandbox = await Sandbox.start();
    before = await sandbox.snapshot();
    project = await PulumiProject.create(sandbox, "examples/quickstart");
});
afterAll(async () => {
    await project?.dispose();
    await sandbox?.stop();
});

const bridge = async () => {
    const r = await sandbox.run(["ip", "-j", "-d", "link", "show", "dev", "br0"]);
    return r.exitCode === 0 ? parseLinks(r.stdout)[0] : undefined;
};
const bridgeAddresses = async () => configuredAddresses(parseAddresses(await sandbox.sh("ip", "-j", "addr", "show", "dev", "br0")));

test("the built CLI is the pinned version", async () => {
    expect((await project.ok("version")).stdout.trim()).toBe("v3.248.0");
});

test("up creates the namespace and the bridge in the kernel", async () => {
    await project.up();
    expect(await bridge()).toMatchObject({ kind: "bridge", up: true });
    expect(await bridgeAddresses()).toEqual(["192.168.1.1/24"]);
    expect(await sandbox.sh("ip", "netns", "list")).toMatch(/^ns1\b/m);
    const lo = parseLinks(await sandbox.sh("ip", "-n", "ns1", "-j", "link", "show", "dev", "lo"))[0];
    expect(lo.up).toBe(true);
    expect(await project.lastChanges()).toEqual({ create: 3 });
    expect((await project.outputs()).bridgeMac).toBe((await bridge())?.macAddress);
});

test("a second up changes nothing", async () => {
    await project.up();
    expect(await project.lastChanges()).toEqual({ same: 3 });
});

test("a bridge deleted by hand: refresh drops it, up recreates it", async () => {
    await sandbox.sh("ip", "link", "del", "br0");
    await project.ok("refresh", "--yes", "--skip-preview");
    expect(await project.resourceTypes()).not.toContain("pulumi-nodejs:dynamic/netns:Bridge");
    await project.up();
    expect(await project.lastChanges()).toEqual({ create: 1, same: 2 });
    expect(await bridgeAddresses()).toEqual(["192.168.1.1/24"]);
});

test("a new bridge address is one in-place update, not a replace", async () => {
    const mac = (await bridge())?.macAddress;
    await project.setConfig({ bridgeAddress: "192.168.7.1/24" });
    await project.up();
    expect(await project.lastChanges()).toEqual({ update: 1, same: 2 });
    expect(await bridgeAddresses()).toEqual(["192.168.7.1/24"]);
    expect((await bridge())?.macAddress).toBe(mac); // same kernel object
});

test("destroy leaves the sandbox exactly as it was", async () => {
    await project.ok("destroy", "--yes", "--skip-preview");
    expect(await sandbox.snapshot()).toEqual(before);
});
