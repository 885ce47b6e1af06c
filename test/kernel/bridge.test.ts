// Bridge CRUD against the real kernel, inside a private sandbox.
import { configuredAddresses, parseAddresses, parseLinks } from "../../provider/linux/ip-json";
import { Sandbox } from "../../sandbox/sandbox";
import { argvContains, FaultyHost } from "../support/faulty-host";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
});
afterAll(() => sandbox?.stop());

const link = async (name: string) => {
    const r = await sandbox.run(["ip", "-j", "-d", "link", "show", "dev", name]);
    return r.exitCode === 0 ? parseLinks(r.stdout)[0] : undefined;
};
const addresses = async (name: string) => configuredAddresses(parseAddresses(await sandbox.sh("ip", "-j", "addr", "show", "dev", name)));

test("create, read, update addresses and mtu, delete", async () => {
    const br = providerIn("Bridge", sandbox.host);
    const { id, outs } = await checkAndCreate(br, { name: "brcrud", addresses: ["192.168.1.1/24", "2001:db8::1/64"] });
    expect(await link("brcrud")).toMatchObject({ kind: "bridge", up: true, mtu: 1500, alias: `pulumi-netns:${outs.ownerTag}` });
    expect(await addresses("brcrud")).toEqual(["192.168.1.1/24", "2001:db8::1/64"]);
    expect(outs.macAddress).toBe((await link("brcrud"))?.macAddress);

    expect(await br.read(id, outs)).toEqual({ id, props: outs });

    const { outs: updated } = await br.update(id, outs, {
        ownerTag: outs.ownerTag,
        name: "brcrud",
        addresses: ["192.168.2.1/24"],
        mtu: 1400,
    });
    expect(await addresses("brcrud")).toEqual(["192.168.2.1/24"]);
    expect((await link("brcrud"))?.mtu).toBe(1400);
    expect(updated).toMatchObject({ addresses: ["192.168.2.1/24"], mtu: 1400 });

    await br.delete(id, updated);
    expect(await link("brcrud")).toBeUndefined();
    await br.delete(id, updated); // twice: still a success
});

test("read sees an address taken away and a bridge deleted out of band", async () => {
    const br = providerIn("Bridge", sandbox.host);
    const { id, outs } = await checkAndCreate(br, { name: "brdrift", addresses: ["10.1.0.1/16"] });
    await sandbox.sh("ip", "addr", "del", "10.1.0.1/16", "dev", "brdrift");
    expect((await br.read(id, outs)).props?.addresses).toEqual([]);
    await sandbox.sh("ip", "link", "del", "brdrift");
    expect((await br.read(id, outs)).id).toBeUndefined();
});

test("an interface of the same name that we did not create is refused, whatever its kind", async () => {
    await sandbox.sh("ip", "link", "add", "taken0", "type", "veth", "peer", "name", "taken0p");
    const br = providerIn("Bridge", sandbox.host);
    await expect(checkAndCreate(br, { name: "taken0", addresses: [] })).rejects.toThrow(
        /Bridge "taken0": a veth interface with this name already exists on this machine and this resource did not create it \(it has no pulumi-netns owner tag/,
    );
    expect((await link("taken0"))?.kind).toBe("veth");
});

test.each([
    ["mark it and set it up", ["link", "set", "dev", "brhalf"]],
    ["add its addresses", ["addr", "add"]],
    ["read it back", ["link", "show", "dev", "brhalf"]],
])("a failure at '%s' leaves no bridge behind", async (_step, words) => {
    const faulty = new FaultyHost(sandbox.host, (argv) => argvContains(argv, words));
    const br = providerIn("Bridge", faulty);
    await expect(checkAndCreate(br, { name: "brhalf", addresses: ["10.9.0.1/24"] })).rejects.toThrow(/Bridge "brhalf": running "ip .*": exit 2: .*injected/);
    expect(await link("brhalf")).toBeUndefined();
});

test("a create cut off before Pulumi recorded it is adopted by the next create of the same resource", async () => {
    const br = providerIn("Bridge", sandbox.host);
    const ownerTag = "0123456789ab";
    await checkAndCreate(br, { name: "bradopt", addresses: ["10.5.0.1/24"], ownerTag }); // state lost
    const { outs } = await checkAndCreate(br, { name: "bradopt", addresses: ["10.6.0.1/24"], ownerTag });
    expect(outs.ownerTag).toBe(ownerTag);
    expect(await addresses("bradopt")).toEqual(["10.6.0.1/24"]);
});
