// The guard rails against a real machine (a sandbox): an uplink with its default route, a
// hand-made bridge standing in for Docker's, a real listener standing in for sshd, and another
// resource's real DNAT rules. Each is refused by check (what preview runs), naming both sides;
// the resource's own objects never count against it, and nothing is created by a refusal.
import { loadExeca } from "../../provider/host/load-execa";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn, testOwnerTag } from "../support/kernel-provider";

jest.setTimeout(60_000);

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await sandbox.sh("ip", "link", "add", "uplink0", "type", "veth", "peer", "name", "seg0");
    await sandbox.sh("ip", "addr", "add", "198.51.100.2/24", "dev", "uplink0");
    await sandbox.sh("ip", "link", "set", "uplink0", "up");
    await sandbox.sh("ip", "link", "set", "seg0", "up");
    await sandbox.sh("ip", "route", "add", "default", "via", "198.51.100.1");
    await sandbox.sh("ip", "link", "add", "docker0", "type", "bridge");
    await sandbox.sh("ip", "addr", "add", "172.17.0.1/16", "dev", "docker0");
    // A listener on the host standing in for sshd, on a port of its own.
    const { execa } = await loadExeca();
    const argv = [...sandbox.enterArgv(), "python3", "-c", "import socket,time; s=socket.socket(); s.bind(('0.0.0.0', 2222)); s.listen(); time.sleep(3600)"];
    sandbox.track(execa(argv[0], argv.slice(1), { stdin: "ignore", stdout: "ignore", stderr: "ignore", reject: false }));
    for (let i = 0; i < 100 && !(await sandbox.sh("ss", "-Hltn", "sport = :2222")).trim(); i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
});
afterAll(() => sandbox?.stop());

/** Reads of one machine are shared for two seconds: a change made by the test is seen after that. */
const settle = () => new Promise((r) => setTimeout(r, 2100));

const reasons = async (kind: Parameters<typeof providerIn>[0], inputs: Record<string, unknown>, olds: Record<string, unknown> = {}) =>
    ((await providerIn(kind, sandbox.host).check(olds, { ownerTag: testOwnerTag(), ...inputs })).failures ?? []).map((f) => `${f.property}: ${f.reason}`);

const WAY_OUT =
    "two networks on one machine send its traffic the wrong way and can cut the machine off (and an SSH session with it); pick a " +
    "subnet the machine does not use (a free 10.x.y.0/24, say), or set allowOverlap: true if you mean to share that network";

test("a Bridge on the uplink's network is refused, naming both; with allowOverlap it passes; a free subnet passes", async () => {
    const before = await sandbox.snapshot();
    expect(await reasons("Bridge", { name: "lab", addresses: ["198.51.100.1/24"] })).toEqual([
        `addresses: 198.51.100.1/24: 198.51.100.0/24 overlaps 198.51.100.0/24 on uplink0 (the machine's default route) on this machine: ${WAY_OUT}`,
    ]);
    expect(await reasons("Bridge", { name: "lab", addresses: ["172.17.5.1/24"] })).toEqual([
        `addresses: 172.17.5.1/24: 172.17.5.0/24 overlaps 172.17.0.0/16 on docker0 on this machine: ${WAY_OUT}`,
    ]);
    expect(await reasons("Bridge", { name: "lab", addresses: ["198.51.100.1/24"], allowOverlap: true })).toEqual([]);
    expect(await reasons("Bridge", { name: "lab", addresses: ["10.77.0.1/24"] })).toEqual([]);
    expect(await reasons("Bridge", { name: "lab", addresses: ["192.168.1.1/24"] })).toEqual([]);
    expect(await sandbox.snapshot()).toEqual(before);
});

test("a Bridge's own addresses never count against it; another resource's bridge does", async () => {
    const bridge = providerIn("Bridge", sandbox.host);
    const { outs } = await checkAndCreate(bridge, { name: "br7", addresses: ["10.7.0.1/24"] });
    await settle();
    // Re-running up: check sees the resource's old inputs and the same tag.
    expect(await reasons("Bridge", { name: "br7", addresses: ["10.7.0.1/24"], ownerTag: outs.ownerTag }, { ownerTag: outs.ownerTag })).toEqual([]);
    expect(await reasons("Bridge", { name: "br8", addresses: ["10.7.0.1/24"] })).toEqual([
        `addresses: 10.7.0.1/24: 10.7.0.0/24 overlaps 10.7.0.0/24 on br7, made by pulumi-netns:${outs.ownerTag}: another resource or stack on this machine: ${WAY_OUT}`,
    ]);
    // A member of that bridge's network is where it belongs.
    expect(await reasons("VethPair", { hostName: "v7", peerName: "c7", namespace: "ns7", bridge: "br7", addresses: ["10.7.0.2/24"] })).toEqual([]);
    await bridge.delete("br7", outs);
});

test("a VethPair address on the uplink's network and a host Route over it are refused", async () => {
    expect(await reasons("VethPair", { hostName: "v1", peerName: "c1", namespace: "ns1", addresses: ["198.51.100.7/24"] })).toEqual([
        `addresses: 198.51.100.7/24: 198.51.100.0/24 overlaps 198.51.100.0/24 on uplink0 (the machine's default route) on this machine: ${WAY_OUT}`,
    ]);
    expect(await reasons("Route", { destination: "198.51.100.0/25", via: "192.168.1.10" })).toEqual([
        `destination: 198.51.100.0/25 overlaps 198.51.100.0/24 on uplink0 (the machine's default route) on this machine: ${WAY_OUT}`,
    ]);
    expect(await reasons("Route", { destination: "default", via: "192.168.1.10" })).toEqual([
        "destination: a default route with metric 0 in the host's own table would take the place of the machine's default route " +
            "(default via 198.51.100.1 dev uplink0 metric 0) on this machine, and with it the way in (an SSH session); give this Route " +
            "a metric above 0, put it in a namespace, or set allowOverlap: true if you mean to replace the machine's default route",
    ]);
    // In a namespace (one the run gives no network yet: its gateway is not judged), through the
    // uplink's own gateway, or with a metric above the machine's: fine.
    expect(await reasons("Route", { destination: "198.51.100.0/25", namespace: "ns9", via: "192.168.1.1" })).toEqual([]);
    expect(await reasons("Route", { destination: "10.99.0.0/16", via: "198.51.100.9" })).toEqual([]);
    expect(await reasons("Route", { destination: "default", via: "192.168.1.10", metric: 100 })).toEqual([]);
});

test("a PortForward of a port a process listens on is refused, naming the process and its address", async () => {
    expect(await reasons("PortForward", { hostPort: 2222, targetAddress: "192.168.1.10" })).toEqual([
        `hostPort: tcp port 2222 is in use on this machine: "python3" listening on tcp 0.0.0.0:2222; forwarded, its connections would ` +
            "go to 192.168.1.10:2222 instead of that process; pick another hostPort, or set allowPortInUse: true (Network.publish takes it too) if you " +
            "mean to take that port's traffic",
    ]);
    expect(await reasons("PortForward", { hostPort: 2222, targetAddress: "192.168.1.10", protocol: "udp" })).toEqual([]);
    expect(await reasons("PortForward", { hostPort: 2222, targetAddress: "192.168.1.10", allowPortInUse: true })).toEqual([]);
});

test("the SSH port of a remote connection is refused before the machine is read", async () => {
    const connection = { host: "203.0.113.10", port: 2200 };
    expect(await reasons("PortForward", { connection, hostPort: 2200, targetAddress: "192.168.1.10" })).toEqual([
        // The machine as the Host names it (here the sandbox stands in for root@203.0.113.10:2200).
        "hostPort: tcp port 2200 is the SSH port this resource reaches this machine by: forwarded to 192.168.1.10:2200, every " +
            "later connection (this stack's next run, yours) would reach 192.168.1.10:2200 instead of the machine; pick another hostPort, " +
            "or set allowPortInUse: true (Network.publish takes it too) if you mean to take that port's traffic",
    ]);
});

test("a port another resource or anyone already forwards is refused naming the holder; the holder's own re-check passes", async () => {
    const forward = providerIn("PortForward", sandbox.host);
    const { id, outs } = await checkAndCreate(forward, { hostPort: 8081, targetAddress: "192.168.9.10" });
    await settle();
    const label = `pulumi-netns:${outs.ownerTag}`;
    expect(await reasons("PortForward", { hostPort: 8081, targetAddress: "192.168.1.11" })).toEqual([
        `hostPort: tcp port 8081 is already forwarded on this machine by a PortForward of another stack or resource (${label}: ` +
            `\`-A PREROUTING -p tcp -m addrtype --dst-type LOCAL -m tcp --dport 8081 -m comment --comment "${label}" -j DNAT ` +
            "--to-destination 192.168.9.10:8081`): only the first matching rule ever sees a connection; pick another hostPort, or set " +
            "allowPortInUse: true (Network.publish takes it too) if you mean to take that port's traffic",
    ]);
    expect(await reasons("PortForward", { hostPort: 8081, targetAddress: "192.168.9.10", ownerTag: outs.ownerTag }, { ownerTag: outs.ownerTag })).toEqual([]);
    await forward.delete(id, outs);

    await sandbox.sh("iptables", "-w", "-t", "nat", "-N", "DOCKER");
    await sandbox.sh(
        "iptables",
        "-w",
        "-t",
        "nat",
        "-A",
        "DOCKER",
        "!",
        "-i",
        "docker0",
        "-p",
        "tcp",
        "-m",
        "tcp",
        "--dport",
        "8080",
        "-j",
        "DNAT",
        "--to-destination",
        "172.17.0.2:80",
    );
    await settle();
    expect(await reasons("PortForward", { hostPort: 8080, targetAddress: "192.168.1.10" })).toEqual([
        "hostPort: tcp port 8080 is already forwarded on this machine by the rule `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT " +
            "--to-destination 172.17.0.2:80` (no pulumi-netns owner: Docker, a firewall or an admin made it): only the first matching rule " +
            "ever sees a connection; pick another hostPort, or set allowPortInUse: true (Network.publish takes it too) if you mean to take that port's traffic",
    ]);
    await sandbox.sh("iptables", "-w", "-t", "nat", "-F", "DOCKER");
    await sandbox.sh("iptables", "-w", "-t", "nat", "-X", "DOCKER");
});

test("a port inside another rule's DNAT port range or multiport list is refused (issue 31, finding 10)", async () => {
    const rules = [
        ["-p", "tcp", "-m", "tcp", "--dport", "8000:9000", "-j", "DNAT", "--to-destination", "10.0.0.5"],
        ["-p", "tcp", "-m", "multiport", "--dports", "80,9443", "-j", "DNAT", "--to-destination", "10.0.0.6"],
    ];
    for (const rule of rules) {
        await sandbox.sh("iptables", "-w", "-t", "nat", "-A", "PREROUTING", ...rule);
    }
    try {
        await settle();
        expect(await reasons("PortForward", { hostPort: 8080, targetAddress: "192.168.1.10" })).toEqual([
            expect.stringMatching(
                /^hostPort: tcp port 8080 is already forwarded on this machine by the rule `-A PREROUTING -p tcp -m tcp --dport 8000:9000 -j DNAT/,
            ),
        ]);
        expect(await reasons("PortForward", { hostPort: 9443, targetAddress: "192.168.1.10" })).toEqual([
            expect.stringMatching(/by the rule `-A PREROUTING -p tcp -m multiport --dports 80,9443 -j DNAT --to-destination 10.0.0.6`/),
        ]);
        expect(await reasons("PortForward", { hostPort: 8081, targetAddress: "192.168.1.10", protocol: "udp" })).toEqual([]);
    } finally {
        for (const rule of rules) {
            await sandbox.sh("iptables", "-w", "-t", "nat", "-D", "PREROUTING", ...rule);
        }
        await settle();
    }
});

test("a PortForward whose target no network holds, and none of its run declares, is made without the 20 s wait", async () => {
    const forward = providerIn("PortForward", sandbox.host);
    const started = Date.now();
    const { id, outs } = await checkAndCreate(forward, { hostPort: 5600, targetAddress: "10.66.0.10" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outs.facts).toEqual({});
    await forward.delete(id, outs);
});

test("a PortForward whose target's network a Bridge of its run declared waits for that bridge, and gets its hairpin", async () => {
    const bridge = providerIn("Bridge", sandbox.host);
    const checked = await bridge.check({}, { ownerTag: testOwnerTag(), name: "br6", addresses: ["10.66.6.1/24"] });
    const forward = providerIn("PortForward", sandbox.host);
    const made = checkAndCreate(forward, { hostPort: 5601, targetAddress: "10.66.6.10" });
    await new Promise((r) => setTimeout(r, 3000));
    const { outs: bridgeOuts } = await bridge.create(checked.inputs);
    const { id, outs } = await made;
    expect(outs.facts).toEqual({ hairpinCidr: "10.66.6.0/24" });
    await forward.delete(id, outs);
    await bridge.delete("br6", bridgeOuts);
});
