// Namespace CRUD against the real kernel, inside a private sandbox.
import { parseLinks } from "../../provider/linux/ip-json";
import { Sandbox } from "../../sandbox/sandbox";
import { argvContains, FaultyHost } from "../support/faulty-host";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
});
afterAll(() => sandbox?.stop());

const namespaces = async () => JSON.parse((await sandbox.sh("ip", "-j", "netns", "list")) || "[]").map((n: { name: string }) => n.name);
const lo = async (ns: string) => parseLinks(await sandbox.sh("ip", "-n", ns, "-j", "link", "show", "dev", "lo"))[0];

test("create, read, update, delete", async () => {
    const ns = providerIn("Namespace", sandbox.host);
    const { id, outs } = await checkAndCreate(ns, { name: "crud", loopbackUp: true });
    expect(id).toBe("crud");
    expect(await namespaces()).toContain("crud");
    expect(await lo("crud")).toMatchObject({ up: true, alias: `pulumi-netns:${outs.ownerTag}` });

    expect(await ns.read(id, outs)).toEqual({ id, props: outs });

    const { outs: updated } = await ns.update(id, outs, { ownerTag: outs.ownerTag, name: "crud", loopbackUp: false });
    expect(updated.loopbackUp).toBe(false);
    expect((await lo("crud")).up).toBe(false);

    await ns.delete(id, updated);
    expect(await namespaces()).not.toContain("crud");
});

test("read reports drift of loopback and a namespace deleted out of band", async () => {
    const ns = providerIn("Namespace", sandbox.host);
    const { id, outs } = await checkAndCreate(ns, { name: "drift" });
    await sandbox.sh("ip", "-n", "drift", "link", "set", "lo", "down");
    expect((await ns.read(id, outs)).props?.loopbackUp).toBe(false);
    await sandbox.sh("ip", "netns", "del", "drift");
    expect((await ns.read(id, outs)).id).toBeUndefined();
    await ns.delete(id, outs); // already gone: success
});

test("a namespace of the same name that we did not create is refused and left alone", async () => {
    await sandbox.sh("ip", "netns", "add", "theirs");
    const ns = providerIn("Namespace", sandbox.host);
    await expect(checkAndCreate(ns, { name: "theirs" })).rejects.toThrow(
        /Namespace "theirs": a namespace with this name already exists .* did not create it .*ip netns del theirs/,
    );
    expect(await namespaces()).toContain("theirs");
    // Nor will delete touch it, should a stale state point at it.
    await expect(ns.delete("theirs", { name: "theirs", loopbackUp: true, ownerTag: "000000000000" })).rejects.toThrow(
        /not the one this resource created .* left alone/,
    );
    expect(await namespaces()).toContain("theirs");
});

test.each([["mark its owner and set loopback up", ["link", "set", "dev", "lo"]]])("a failure at '%s' leaves no namespace behind", async (_step, words) => {
    const faulty = new FaultyHost(sandbox.host, (argv) => argvContains(argv, words));
    const ns = providerIn("Namespace", faulty);
    await expect(checkAndCreate(ns, { name: "halfmade" })).rejects.toThrow(
        /Namespace "halfmade": running "ip -n halfmade link set dev lo .*": exit 2: .*injected/,
    );
    expect(await namespaces()).not.toContain("halfmade");
});

test("a create cut off before Pulumi recorded it is adopted by the next create of the same resource", async () => {
    const ns = providerIn("Namespace", sandbox.host);
    await checkAndCreate(ns, { name: "adopt", loopbackUp: false, ownerTag: "0123456789ab" });
    await checkAndCreate(ns, { name: "adopt", loopbackUp: true, ownerTag: "0123456789ab" });
    expect((await lo("adopt")).up).toBe(true);
    // A different owner (another stack, or by hand) is still refused.
    await expect(checkAndCreate(ns, { name: "adopt", ownerTag: "ba9876543210" })).rejects.toThrow(/did not create it/);
});
