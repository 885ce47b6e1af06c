// VethPair CRUD against the real kernel, inside a private sandbox.
import { configuredAddresses, parseAddresses, parseLinks } from "../../provider/linux/ip-json";
import { Sandbox } from "../../sandbox/sandbox";
import { argvContains, FaultyHost } from "../support/faulty-host";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    for (const ns of ["vns1", "vns2"]) {
        await sandbox.sh("ip", "netns", "add", ns);
    }
    for (const br of ["vbr0", "vbr1"]) {
        await sandbox.sh("ip", "link", "add", br, "type", "bridge");
    }
});
afterAll(() => sandbox?.stop());

const link = async (name: string, ns?: string) => {
    const r = await sandbox.run(["ip", ...(ns ? ["-n", ns] : []), "-j", "-d", "link", "show", "dev", name]);
    return r.exitCode === 0 ? parseLinks(r.stdout)[0] : undefined;
};
const peerAddresses = async (name: string, ns: string) =>
    configuredAddresses(parseAddresses(await sandbox.sh("ip", "-n", ns, "-j", "addr", "show", "dev", name)));

const inputs = { hostName: "vh0", peerName: "vp0", namespace: "vns1", bridge: "vbr0", addresses: ["192.168.1.10/24"] };

test("create: peer born in the namespace, host end in the bridge, both up, peer addressed", async () => {
    const veth = providerIn("VethPair", sandbox.host);
    const { id, outs } = await checkAndCreate(veth, inputs);
    expect(await link("vh0")).toMatchObject({ kind: "veth", master: "vbr0", up: true });
    expect(await link("vp0", "vns1")).toMatchObject({ kind: "veth", up: true });
    expect(await link("vp0")).toBeUndefined(); // never visible on the host
    expect(await peerAddresses("vp0", "vns1")).toEqual(["192.168.1.10/24"]);
    expect(await veth.read(id, outs)).toEqual({ id, props: outs });

    // Update in place: another bridge, other addresses, an MTU.
    const next = { ...inputs, bridge: "vbr1", addresses: ["192.168.1.20/24"], mtu: 1400 };
    const { outs: updated } = await veth.update(id, outs, { ...next, ownerTag: outs.ownerTag });
    expect(await link("vh0")).toMatchObject({ master: "vbr1", mtu: 1400 });
    expect((await link("vp0", "vns1"))?.mtu).toBe(1400);
    expect(await peerAddresses("vp0", "vns1")).toEqual(["192.168.1.20/24"]);

    // Off the bridge entirely.
    const { outs: detached } = await veth.update(id, updated, { ownerTag: updated.ownerTag, ...next, bridge: undefined });
    expect((await link("vh0"))?.master).toBeUndefined();

    await veth.delete(id, detached);
    expect(await link("vh0")).toBeUndefined();
    expect(await link("vp0", "vns1")).toBeUndefined();
});

test("read reports the host end moved off its bridge, and the pair gone with its namespace", async () => {
    await sandbox.sh("ip", "netns", "add", "vgone");
    const veth = providerIn("VethPair", sandbox.host);
    const { id, outs } = await checkAndCreate(veth, { ...inputs, hostName: "vh1", peerName: "vp1", namespace: "vgone" });
    await sandbox.sh("ip", "link", "set", "vh1", "nomaster");
    expect((await veth.read(id, outs)).props?.bridge).toBeUndefined();
    await sandbox.sh("ip", "link", "del", "vh1");
    expect((await veth.read(id, outs)).id).toBeUndefined();
    await veth.delete(id, outs); // already gone: success
});

test("a taken peer name inside the namespace is refused and nothing is left", async () => {
    await sandbox.sh("ip", "-n", "vns2", "link", "add", "vpx", "type", "veth", "peer", "name", "vpy");
    const veth = providerIn("VethPair", sandbox.host);
    await expect(checkAndCreate(veth, { ...inputs, hostName: "vhx", peerName: "vpx", namespace: "vns2" })).rejects.toThrow(
        /VethPair "vpx": an interface in namespace vns2 with this name already exists/,
    );
    expect(await link("vhx")).toBeUndefined();
});

test.each([
    ["mark the host end, attach it to its bridge and set it up", ["link", "set", "dev", "vh2"]],
    ["read the host end back", ["link", "show", "dev", "vh2"]],
    ["mark the peer and set it up", ["link", "set", "dev", "vp2"]],
    ["address the peer", ["addr", "add"]],
])("a failure at '%s' leaves neither end behind", async (_step, words) => {
    const veth = providerIn("VethPair", new FaultyHost(sandbox.host, (argv) => argvContains(argv, words)));
    await expect(checkAndCreate(veth, { ...inputs, hostName: "vh2", peerName: "vp2" })).rejects.toThrow(/VethPair "vh2": running "ip .*": exit 2: .*injected/);
    expect(await link("vh2")).toBeUndefined();
    expect(await link("vp2", "vns1")).toBeUndefined();
});

test("an unknown bridge fails with the kernel's words and leaves nothing", async () => {
    const veth = providerIn("VethPair", sandbox.host);
    await expect(checkAndCreate(veth, { ...inputs, hostName: "vh3", peerName: "vp3", bridge: "nobridge" })).rejects.toThrow(
        /master nobridge up": exit \d+: .*(Cannot find device|does not exist)/,
    );
    expect(await link("vh3")).toBeUndefined();
});

test("a create cut off before Pulumi recorded it is adopted by the next create of the same resource", async () => {
    const veth = providerIn("VethPair", sandbox.host);
    const again = { ...inputs, hostName: "vh4", peerName: "vp4", ownerTag: "0123456789ab" };
    await checkAndCreate(veth, again);
    await checkAndCreate(veth, { ...again, addresses: ["192.168.1.44/24"] });
    expect(await peerAddresses("vp4", "vns1")).toEqual(["192.168.1.44/24"]);
});
