// VxlanTunnel against the real kernel: two sandboxes ("machines") on an underlay cable, a bridge
// and a namespace on each, joined by a tunnel; remotes changed without replacing the link.
import { parseLinks } from "../../provider/linux/ip-json";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let a: Sandbox;
let b: Sandbox;
const UNDERLAY = { a: "10.77.0.2", b: "10.77.0.3" };

beforeAll(async () => {
    a = await Sandbox.start();
    b = await Sandbox.start();
    await a.sh("ip", "link", "add", "ul0", "type", "veth", "peer", "name", "ul0", "netns", String(b.pid));
    for (const [box, underlay, overlay] of [
        [a, UNDERLAY.a, "10.42.0.10"],
        [b, UNDERLAY.b, "10.42.0.11"],
    ] as const) {
        await box.sh("ip", "addr", "add", `${underlay}/24`, "dev", "ul0");
        await box.sh("ip", "link", "set", "ul0", "up");
        await box.sh("ip", "link", "add", "obr", "type", "bridge");
        await box.sh("ip", "link", "set", "obr", "up");
        await box.sh("ip", "netns", "add", "m");
        await box.sh("ip", "link", "add", "om", "type", "veth", "peer", "name", "eth0", "netns", "m");
        await box.sh("ip", "link", "set", "om", "master", "obr", "up");
        await box.sh("ip", "-n", "m", "addr", "add", `${overlay}/16`, "dev", "eth0");
        await box.sh("ip", "-n", "m", "link", "set", "eth0", "up");
    }
});
afterAll(async () => {
    await a?.stop();
    await b?.stop();
});

const link = async (box: Sandbox, name: string) => {
    const r = await box.run(["ip", "-j", "-d", "link", "show", "dev", name]);
    return r.exitCode === 0 ? parseLinks(r.stdout)[0] : undefined;
};
const remotes = async (box: Sandbox, name: string) =>
    (JSON.parse(await box.sh("bridge", "-j", "fdb", "show", "dev", name)) as { mac: string; dst?: string }[]).filter((e) => e.dst).map((e) => e.dst);
const ping = (box: Sandbox, to: string) => box.run(["ip", "netns", "exec", "m", "ping", "-c", "1", "-W", "2", to]);

test("a tunnel each way joins the two bridges; remotes change in place; delete leaves nothing", async () => {
    const onA = providerIn("VxlanTunnel", a.host);
    const onB = providerIn("VxlanTunnel", b.host);
    const common = { name: "vx42", vni: 42, bridge: "obr", mtu: 1450 };
    const ta = await checkAndCreate(onA, { ...common, localAddress: UNDERLAY.a, remotes: [UNDERLAY.b] });
    const tb = await checkAndCreate(onB, { ...common, localAddress: UNDERLAY.b, remotes: [UNDERLAY.a] });
    expect(await link(a, "vx42")).toMatchObject({ kind: "vxlan", master: "obr", up: true, vxlan: { vni: 42, local: UNDERLAY.a, port: 4789 } });
    expect(ta.outs).toMatchObject({ mtu: 1450, remotes: [UNDERLAY.b], dstPort: 4789 });
    expect(await remotes(a, "vx42")).toEqual([UNDERLAY.b]);
    expect((await ping(a, "10.42.0.11")).exitCode).toBe(0);
    expect((await onA.read(ta.id, ta.outs)).props).toEqual(ta.outs);

    // A third remote added, then the first removed: the FDB only, the link keeps its ifindex.
    const index = (await link(a, "vx42"))!.index;
    const { outs: three } = await onA.update(ta.id, ta.outs, { ...ta.outs, remotes: [UNDERLAY.b, "10.77.0.4"] });
    expect(await remotes(a, "vx42")).toEqual([UNDERLAY.b, "10.77.0.4"]);
    const { outs: one } = await onA.update(ta.id, three, { ...three, remotes: ["10.77.0.4"] });
    expect(await remotes(a, "vx42")).toEqual(["10.77.0.4"]);
    expect((await link(a, "vx42"))!.index).toBe(index);
    expect((await ping(a, "10.42.0.11")).exitCode).not.toBe(0);

    // Drift: an entry deleted by hand shows in read.
    await a.sh("bridge", "fdb", "del", "00:00:00:00:00:00", "dev", "vx42", "dst", "10.77.0.4");
    expect((await onA.read(ta.id, one)).props).toMatchObject({ remotes: [] });

    await onA.delete(ta.id, one);
    await onB.delete(tb.id, tb.outs);
    expect(await link(a, "vx42")).toBeUndefined();
    expect(await link(b, "vx42")).toBeUndefined();
});

test("a VXLAN link someone else made is refused and left alone", async () => {
    await a.sh("ip", "link", "add", "vxtheirs", "type", "vxlan", "id", "7", "local", UNDERLAY.a, "dstport", "4789");
    const onA = providerIn("VxlanTunnel", a.host);
    await expect(checkAndCreate(onA, { name: "vxtheirs", vni: 7, localAddress: UNDERLAY.a })).rejects.toThrow(
        /VxlanTunnel "vxtheirs": a vxlan interface with this name already exists on this machine and this resource did not create it/,
    );
    expect(await link(a, "vxtheirs")).toBeDefined();
});

test("inputs refused before anything runs: a remote twice, the local address as a remote, a VNI out of range", async () => {
    const onA = providerIn("VxlanTunnel", a.host);
    const failures = async (inputs: Record<string, unknown>) =>
        (await onA.check({}, { ownerTag: "0123456789ab", name: "vx1", localAddress: UNDERLAY.a, ...inputs })).failures;
    expect(await failures({ vni: 1, remotes: [UNDERLAY.b, UNDERLAY.b] })).toEqual([
        expect.objectContaining({ property: "remotes", reason: expect.stringContaining("lists a remote twice") }),
    ]);
    expect(await failures({ vni: 1, remotes: [UNDERLAY.a] })).toEqual([
        expect.objectContaining({ property: "remotes", reason: expect.stringContaining("local address") }),
    ]);
    expect(await failures({ vni: 16777216 })).toEqual([expect.objectContaining({ property: "vni" })]);
});
