// Probe against the real kernel: two namespaces on a bridge and a third network behind the host,
// each failure made on purpose and named by the diagnosis.
import { Sandbox } from "../../sandbox/sandbox";
import { startServer } from "../../sandbox/world";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    const sh = (...argv: string[]) => sandbox.sh(...argv);
    await sh("ip", "link", "add", "pbr", "type", "bridge");
    await sh("ip", "addr", "add", "10.7.0.1/24", "dev", "pbr");
    await sh("ip", "link", "set", "pbr", "up");
    for (const [ns, address] of [
        ["pa", "10.7.0.10"],
        ["pb", "10.7.0.11"],
    ]) {
        await sh("ip", "netns", "add", ns);
        await sh("ip", "-n", ns, "link", "set", "lo", "up");
        await sh("ip", "link", "add", `pv${ns.slice(1)}`, "type", "veth", "peer", "name", "eth0", "netns", ns);
        await sh("ip", "link", "set", `pv${ns.slice(1)}`, "master", "pbr", "up");
        await sh("ip", "-n", ns, "addr", "add", `${address}/24`, "dev", "eth0");
        await sh("ip", "-n", ns, "link", "set", "eth0", "up");
        await sh("ip", "-n", ns, "route", "add", "default", "via", "10.7.0.1");
    }
    // Another network behind the host: reached from pa only if the host forwards.
    await sh("ip", "netns", "add", "pc");
    await sh("ip", "link", "add", "pvc", "type", "veth", "peer", "name", "eth0", "netns", "pc");
    await sh("ip", "addr", "add", "10.8.0.1/24", "dev", "pvc");
    await sh("ip", "link", "set", "pvc", "up");
    await sh("ip", "-n", "pc", "addr", "add", "10.8.0.2/24", "dev", "eth0");
    await sh("ip", "-n", "pc", "link", "set", "eth0", "up");
    await sh("ip", "-n", "pc", "route", "add", "default", "via", "10.8.0.1");
    await startServer(sandbox, "pb", "10.7.0.11", 8080, "pb");
});
afterAll(() => sandbox?.stop());

const quick = { attempts: 1, timeoutSeconds: 1 };

test("a ping that flows passes; refresh sees it stop and recorded as drift", async () => {
    const probe = providerIn("Probe", sandbox.host);
    const { id, outs } = await checkAndCreate(probe, { from: "pa", to: "10.7.0.11" });
    expect(outs).toMatchObject({ result: "reachable", inSync: true });
    expect((await probe.read(id, outs)).props).toMatchObject({ result: "reachable", inSync: true });

    await sandbox.sh("ip", "link", "set", "pvb", "down");
    try {
        expect((await probe.read(id, { ...outs, ...quick })).props).toMatchObject({ result: "unreachable", inSync: false });
        // A new probe fails, naming the link.
        await expect(checkAndCreate(probe, { from: "pa", to: "10.7.0.11", ...quick })).rejects.toThrow(
            /unreachable after 1 attempt[\s\S]*Likely cause: pvb \(host\) is down/,
        );
    } finally {
        await sandbox.sh("ip", "link", "set", "pvb", "up");
    }
});

test("traffic routed through the host fails while forwarding is off, and the diagnosis says so", async () => {
    const probe = providerIn("Probe", sandbox.host);
    await expect(checkAndCreate(probe, { from: "pa", to: "10.8.0.2", ...quick })).rejects.toThrow(
        /route: 10.8.0.2 via 10.7.0.1 dev eth0[\s\S]*forwarding on the host: off[\s\S]*Likely cause: forwarding is off on the host \(net.ipv4.ip_forward = 0\)/,
    );
    await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=1");
    try {
        expect((await checkAndCreate(probe, { from: "pa", to: "10.8.0.2", ...quick })).outs).toMatchObject({ result: "reachable" });
    } finally {
        await sandbox.sh("sysctl", "-w", "net.ipv4.ip_forward=0");
    }
});

test("http and tcp probes; an expected `unreachable` passes when nothing answers", async () => {
    const probe = providerIn("Probe", sandbox.host);
    expect((await checkAndCreate(probe, { from: "pa", to: "10.7.0.11", kind: "http", port: 8080 })).outs).toMatchObject({ result: "reachable" });
    expect((await checkAndCreate(probe, { from: "host", to: "10.7.0.11", kind: "tcp", port: 8080 })).outs).toMatchObject({ result: "reachable" });
    expect((await checkAndCreate(probe, { from: "pa", to: "10.7.0.11", kind: "tcp", port: 8081, expect: "unreachable", ...quick })).outs).toMatchObject({
        result: "unreachable",
    });
    await expect(checkAndCreate(probe, { from: "pa", to: "10.7.0.11", kind: "tcp", port: 8080, expect: "unreachable", ...quick })).rejects.toThrow(
        /tcp to port 8080 from pa to 10.7.0.11: reachable after 1 attempt of 1 s, expected unreachable/,
    );
});

test("a probe from a namespace that does not exist fails naming it", async () => {
    const probe = providerIn("Probe", sandbox.host);
    await expect(checkAndCreate(probe, { from: "nosuch", to: "10.7.0.11", ...quick })).rejects.toThrow(
        /Likely cause: no route from nosuch to 10.7.0.11 \(Cannot open network namespace/,
    );
});
