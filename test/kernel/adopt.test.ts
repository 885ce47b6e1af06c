// adopt: true against the real kernel, on the seeds typed by hand in a sandbox: a matching object is
// taken over in place (same ifindex, marked), a difference is refused at check naming each field and
// its live value, an object a stack owns is never adopted, a clash without adopt names
// `pulumi-netns import` and every hand-made object at once, and a hand-made rule is replaced by
// exactly one owned twin.
import { loadExeca } from "../../provider/host/load-execa";
import { parseLinks } from "../../provider/linux/ip-json";
import { typeSeeds } from "../../sandbox/hand-seeds";
import { Sandbox } from "../../sandbox/sandbox";
import { WORLD } from "../../sandbox/world";
import { checkAndCreate, providerIn, testOwnerTag } from "../support/kernel-provider";

jest.setTimeout(60_000);

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await typeSeeds(sandbox);
});
afterAll(() => sandbox?.stop());

const link = async (name: string, ns?: string) => parseLinks(await sandbox.sh("ip", ...(ns ? ["-n", ns] : []), "-j", "-d", "link", "show", "dev", name))[0];

test("a clash without adopt is refused at check, naming pulumi-netns import and every hand-made object", async () => {
    const checked = await providerIn("Bridge", sandbox.host).check({}, { ownerTag: testOwnerTag(), name: "br0", addresses: ["192.168.1.1/24"] });
    expect(checked.failures).toHaveLength(1);
    const reason = checked.failures![0].reason;
    expect(reason).toMatch(/Bridge "br0": a bridge interface with this name already exists/);
    expect(reason).toMatch(/set adopt: true on this resource, or run `pulumi-netns import`/);
    for (const object of [
        "Namespace ns1",
        "Namespace ns2",
        "Bridge br0",
        "VethPair veth0",
        "VethPair veth1",
        "Route ns1-default",
        "MasqueradeRule br0-nat",
        "PortForward tcp-5000",
    ]) {
        expect(reason).toContain(object);
    }
});

test("a difference is refused at check, one failure per field with its live value", async () => {
    const checked = await providerIn("VethPair", sandbox.host).check(
        {},
        {
            ownerTag: testOwnerTag(),
            hostName: "veth0",
            peerName: "ceth0",
            namespace: "ns1",
            bridge: "br0",
            addresses: ["192.168.1.99/24"],
            mtu: 1400,
            adopt: true,
        },
    );
    expect(checked.failures).toEqual([
        { property: "addresses", reason: expect.stringMatching(/the veth pair veth0 to adopt on this machine has addresses \["192.168.1.10\/24"\]/) },
        { property: "mtu", reason: expect.stringMatching(/has mtu 1500/) },
    ]);
    const ns = await providerIn("Namespace", sandbox.host).check({}, { ownerTag: testOwnerTag(), name: "ns2", loopbackUp: false, adopt: true });
    expect(ns.failures).toEqual([{ property: "loopbackUp", reason: expect.stringMatching(/has loopbackUp true/) }]);
});

test("a matching object is taken over in place and marked; another stack's is never adopted", async () => {
    const before = await link("br0");
    const { outs } = await checkAndCreate(providerIn("Bridge", sandbox.host), { name: "br0", addresses: ["192.168.1.1/24"], mtu: 1500, adopt: true });
    const after = await link("br0");
    expect(after).toMatchObject({ index: before.index, alias: `pulumi-netns:${outs.ownerTag}` });
    expect(after.master).toBeUndefined();

    const pair = await checkAndCreate(providerIn("VethPair", sandbox.host), {
        hostName: "veth0",
        peerName: "ceth0",
        namespace: "ns1",
        bridge: "br0",
        addresses: ["192.168.1.10/24"],
        adopt: true,
    });
    expect(await link("ceth0", "ns1")).toMatchObject({ alias: `pulumi-netns:${pair.outs.ownerTag}` });
    expect((await link("veth0")).master).toBe("br0");

    const route = await checkAndCreate(providerIn("Route", sandbox.host), { namespace: "ns1", destination: "default", via: "192.168.1.1", adopt: true });
    expect(route.outs.installed).toEqual({ metric: 0, device: "ceth0", via: "192.168.1.1" });
    expect(await sandbox.sh("ip", "-n", "ns1", "route", "show", "default")).toMatch(/^default via 192.168.1.1 dev ceth0 proto 245/);

    // br0 is now this stack's: adopt by another resource is refused at check and at create.
    const theirs = { ownerTag: testOwnerTag(), name: "br0", addresses: ["192.168.1.1/24"], adopt: true };
    expect((await providerIn("Bridge", sandbox.host).check({}, theirs)).failures).toEqual([
        { property: "adopt", reason: expect.stringMatching(/owner tag pulumi-netns:.* adopt never takes an object another resource or stack owns/) },
    ]);
    await expect(providerIn("Bridge", sandbox.host).create(theirs)).rejects.toThrow(/adopt never takes an object another resource or stack owns/);
});

test("each hand-made rule is replaced by its owned twin: exactly one remains", async () => {
    const nat = async () => (await sandbox.sh("iptables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A "));
    const masquerade = await checkAndCreate(providerIn("MasqueradeRule", sandbox.host), {
        sourceCidr: "192.168.1.0/24",
        excludeOutInterface: "br0",
        adopt: true,
    });
    const forward = await checkAndCreate(providerIn("PortForward", sandbox.host), {
        hostPort: 5000,
        hostAddress: WORLD.uplinkAddress,
        targetAddress: "192.168.1.10",
        adopt: true,
    });
    const rules = await nat();
    const masquerades = rules.filter((l) => l.includes("-s 192.168.1.0/24 ! -o br0"));
    expect(masquerades).toEqual([expect.stringContaining(`pulumi-netns:${masquerade.outs.ownerTag}`)]);
    const dnats = rules.filter((l) => l.startsWith("-A PREROUTING") && l.includes("--dport 5000"));
    expect(dnats).toEqual([expect.stringContaining(`pulumi-netns:${forward.outs.ownerTag}`)]);
});

test("deleting a namespace stops the processes still running in it, instead of stranding them without a name", async () => {
    const ns = providerIn("Namespace", sandbox.host);
    const { id, outs } = await checkAndCreate(ns, { name: "busy" });
    const { execa } = await loadExeca();
    const argv = [...sandbox.enterArgv(), "ip", "netns", "exec", "busy", "sleep", "300"];
    const sleeper = execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore" });
    sandbox.track(sleeper);
    for (let i = 0; i < 50 && !(await sandbox.sh("ip", "netns", "pids", "busy")).trim(); i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    try {
        await ns.delete(id, outs);
    } finally {
        write.mockRestore();
    }
    expect(written.join("")).toMatch(new RegExp(`Namespace "busy" on this machine: stopped the processes still running in it: ${sleeper.pid} \\(sleep 300\\)`));
    expect((await sleeper).signal).toBe("SIGTERM");
    expect(await sandbox.sh("ip", "netns", "list")).not.toMatch(/busy/);
});
