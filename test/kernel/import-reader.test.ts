// `pulumi-netns import`'s reader and planner on the seeds typed by hand in a sandbox (with its
// outside world and a server in ns1): what it declares, what it leaves alone, and that reading
// changes nothing on the machine.
import { planImport } from "../../provider/import/plan";
import { readSnapshot } from "../../provider/import/snapshot";
import { writeTypescript } from "../../provider/import/write-typescript";
import { typeSeeds } from "../../sandbox/hand-seeds";
import { Sandbox } from "../../sandbox/sandbox";
import { buildWorld, startServer, WORLD } from "../../sandbox/world";

jest.setTimeout(60_000);

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await buildWorld(sandbox);
    await typeSeeds(sandbox);
    await startServer(sandbox, "ns1", "192.168.1.10", 5000, "ns1");
});
afterAll(() => sandbox?.stop());

test("the seeds become one resource each, the world and the uplink are left alone, and nothing changes", async () => {
    const before = await sandbox.snapshot();
    const model = planImport(await readSnapshot(sandbox.host));
    expect(await sandbox.snapshot()).toEqual(before);
    const summary = model.resources.map((r) => `${r.kind} ${r.name}`);
    expect(summary).toEqual([
        "Namespace ns1",
        "Namespace ns2",
        "Bridge br0",
        "VethPair veth0",
        "VethPair veth1",
        "Route ns1-default",
        "Route ns2-default",
        "SysctlForward forward",
        "MasqueradeRule br0-nat",
        "PortForward tcp-5000",
    ]);
    const veth0 = model.resources.find((r) => r.name === "veth0")!;
    expect(Object.fromEntries(veth0.props)).toEqual({
        hostName: "veth0",
        peerName: "ceth0",
        namespace: { ref: "ns1", field: "name" },
        bridge: { ref: "br0", field: "name" },
        addresses: ["192.168.1.10/24"],
        adopt: true,
    });
    expect(model.resources.find((r) => r.name === "ns1-default")).toMatchObject({ dependsOn: ["veth0"] });
    expect(Object.fromEntries(model.resources.find((r) => r.kind === "PortForward")!.props)).toEqual({
        hostPort: 5000,
        hostAddress: WORLD.uplinkAddress,
        targetAddress: "192.168.1.10",
        adopt: true,
    });
    const alone = model.leftAlone.map((l) => l.what);
    expect(alone).toEqual(expect.arrayContaining(["namespace outside", "namespace wan", "namespace client", "link uplink0"]));
    expect(model.leftAlone.find((l) => l.what === "link uplink0")?.why).toMatch(/uplink/);
    expect(writeTypescript(model)).toContain('new netns.PortForward("tcp-5000"');
});
