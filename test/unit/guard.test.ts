// The guard rails' pure parts: the machine's networks and what overlaps them, listeners from
// `ss -Hltunp` and DNAT claims from `iptables-save -t nat`, both recorded from the real tools.
import { describeListener, parseListeners, takesTrafficOf } from "../../provider/guard/listeners";
import { describeOverlap, findOverlaps, type MachineView, machineNetworks, networkOf, overlapReason, overlaps } from "../../provider/guard/overlap";
import { competingClaims, describeClaim, parsePortClaims, parsePorts } from "../../provider/guard/port-claims";
import { fixture } from "../support/fixtures";

const machine: MachineView = {
    links: [
        { name: "lo", addresses: [] },
        { name: "uplink0", addresses: ["198.51.100.2/24", "2001:db8:1::2/64"] },
        { name: "docker0", addresses: ["172.17.0.1/16"] },
        { name: "br0", addresses: ["192.168.1.1/24"], owner: "pulumi-netns:0123456789ab" },
    ],
    routes: [
        { family: 4, destination: "default", via: "198.51.100.1", device: "uplink0", metric: 0, owned: false },
        { family: 4, destination: "198.51.100.0/24", device: "uplink0", metric: 0, owned: false },
        { family: 4, destination: "172.17.0.0/16", device: "docker0", metric: 0, owned: false },
        { family: 4, destination: "10.20.0.0/16", via: "198.51.100.254", device: "uplink0", metric: 0, owned: false },
        { family: 4, destination: "10.99.0.0/16", via: "192.168.1.10", device: "br0", metric: 0, owned: true },
        { family: 6, destination: "2001:db8:1::/64", device: "uplink0", metric: 256, owned: false },
    ],
};

test("networks and overlaps: containment either way, never across families", () => {
    expect(networkOf("198.51.100.2/24")).toBe("198.51.100.0/24");
    expect(networkOf("10.1.2.3/9")).toBe("10.0.0.0/9");
    expect(networkOf("2001:db8:1::2/64")).toBe("2001:db8:1::/64");
    expect(networkOf("10.0.0.5")).toBe("10.0.0.5/32");
    expect(overlaps("198.51.100.0/24", "198.51.100.128/25")).toBe(true);
    expect(overlaps("198.51.100.128/25", "198.51.100.0/24")).toBe(true);
    expect(overlaps("0.0.0.0/1", "10.0.0.0/8")).toBe(true);
    expect(overlaps("10.0.0.0/24", "10.0.1.0/24")).toBe(false);
    expect(overlaps("::/0", "10.0.0.0/8")).toBe(false);
});

test("the machine's networks: link addresses, given routes; not the kernel's copies nor pulumi-netns routes", () => {
    expect(machineNetworks(machine)).toEqual([
        { network: "198.51.100.0/24", where: "uplink0 (the machine's default route)", device: "uplink0" },
        { network: "2001:db8:1::/64", where: "uplink0 (the machine's default route)", device: "uplink0" },
        { network: "172.17.0.0/16", where: "docker0", device: "docker0" },
        { network: "192.168.1.0/24", where: "br0", device: "br0", owner: "pulumi-netns:0123456789ab" },
        { network: "10.20.0.0/16", where: "route 10.20.0.0/16 via 198.51.100.254 dev uplink0", device: "uplink0" },
    ]);
});

test("overlaps are named with both networks, where, and the way out", () => {
    const networks = machineNetworks(machine);
    const found = findOverlaps(["198.51.100.1/24", "10.20.5.1/24", "10.77.0.1/24"], networks);
    expect(found.map(describeOverlap)).toEqual([
        "198.51.100.0/24 overlaps 198.51.100.0/24 on uplink0 (the machine's default route)",
        "10.20.5.0/24 overlaps the route 10.20.0.0/16 via 198.51.100.254 dev uplink0",
    ]);
    expect(findOverlaps(["192.168.1.1/24"], networks).map(describeOverlap)).toEqual([
        "192.168.1.0/24 overlaps 192.168.1.0/24 on br0, made by pulumi-netns:0123456789ab: another resource or stack",
    ]);
    expect(overlapReason(findOverlaps(["198.51.100.0/24"], networks), "this machine")).toBe(
        "198.51.100.0/24 overlaps 198.51.100.0/24 on uplink0 (the machine's default route) on this machine: two networks on one " +
            "machine send its traffic the wrong way and can cut the machine off (and an SSH session with it); pick a subnet the " +
            "machine does not use (a free 10.x.y.0/24, say), or set allowOverlap: true if you mean to share that network",
    );
    expect(findOverlaps(["10.77.0.1/24", "192.168.2.1/24", "fd00:1::1/64"], networks)).toEqual([]);
});

test("ss -Hltunp, as recorded: protocol, address, port, process", () => {
    const listeners = parseListeners(fixture("ss-listeners.txt"));
    expect(listeners.map((l) => [l.protocol, l.address, l.port, l.processes.join()])).toEqual([
        ["udp", "0.0.0.0", 5353, "python3"],
        ["tcp", "0.0.0.0", 2222, "python3"],
        ["tcp", "127.0.0.1", 6010, "python3"],
        ["tcp", "198.51.100.2", 8080, "python3"],
        ["tcp", "2001:db8:1::2", 443, "python3"],
        ["tcp", "*", 9000, "python3"],
        ["tcp", "::", 2222, "python3"],
    ]);
    expect(describeListener(listeners[1])).toBe('"python3" listening on tcp 0.0.0.0:2222');
    expect(parseListeners("tcp LISTEN 0      128    0.0.0.0:2024 0.0.0.0:*")[0].processes).toEqual([]);
    expect(describeListener(parseListeners("tcp LISTEN 0      128    0.0.0.0:2024 0.0.0.0:*")[0])).toBe(
        "a process (ss could not name it) listening on tcp 0.0.0.0:2024",
    );
});

test("which listeners a forward takes the traffic of", () => {
    const listeners = parseListeners(fixture("ss-listeners.txt"));
    const taken = (protocol: string, port: number, family: 4 | 6, hostAddress?: string) =>
        listeners.filter((l) => takesTrafficOf(l, { protocol, port, family, hostAddress })).map((l) => l.endpoint);
    expect(taken("tcp", 2222, 4)).toEqual(["0.0.0.0:2222"]);
    expect(taken("tcp", 2222, 6)).toEqual(["[::]:2222"]);
    expect(taken("udp", 2222, 4)).toEqual([]);
    expect(taken("udp", 5353, 4)).toEqual(["0.0.0.0:5353"]);
    // Loopback keeps its traffic: connections to 127.0.0.1 are not forwarded.
    expect(taken("tcp", 6010, 4)).toEqual([]);
    expect(taken("tcp", 8080, 4)).toEqual(["198.51.100.2:8080"]);
    expect(taken("tcp", 8080, 4, "198.51.100.2")).toEqual(["198.51.100.2:8080"]);
    expect(taken("tcp", 8080, 4, "198.51.100.3")).toEqual([]);
    expect(taken("tcp", 9000, 4)).toEqual(["*:9000"]);
    expect(taken("tcp", 9000, 6)).toEqual(["*:9000"]);
    expect(taken("tcp", 443, 6)).toEqual(["[2001:db8:1::2]:443"]);
    expect(taken("tcp", 443, 4)).toEqual([]);
});

test("iptables-save -t nat, as recorded: every DNAT claim, whoever made it", () => {
    const claims = parsePortClaims(fixture("iptables-save-nat-dnat.txt"));
    const one = (port: number) => [{ from: port, to: port }];
    expect(claims.map((c) => [c.protocol, c.ports, c.hostAddress, c.owner])).toEqual([
        ["tcp", one(5000), undefined, "pulumi-netns:0123456789ab"],
        ["udp", one(5353), "198.51.100.2", "pulumi-netns:ba9876543210"],
        ["tcp", [{ from: 7000, to: 7010 }], undefined, undefined],
        ["tcp", one(5000), undefined, "pulumi-netns:0123456789ab"],
        ["tcp", one(8080), undefined, undefined],
    ]);
    expect(claims.map((c) => c.chain)).toEqual(["PREROUTING", "PREROUTING", "PREROUTING", "OUTPUT", "DOCKER"]);
    expect(parsePortClaims(fixture("ip6tables-save-nat-dnat.txt")).map((c) => [c.protocol, c.ports, c.owner])).toEqual([
        ["tcp", one(5000), "pulumi-netns:0123456789ab"],
    ]);
});

test("DNAT port ranges, multiport lists and negations claim every port they match (issue 31, finding 10)", () => {
    const claims = parsePortClaims(fixture("iptables-save-nat-port-ranges.txt"));
    expect(claims.map((c) => c.ports)).toEqual([
        [{ from: 8000, to: 9000 }],
        [
            { from: 80, to: 80 },
            { from: 8080, to: 8080 },
        ],
        [
            { from: 53, to: 53 },
            { from: 6000, to: 6010 },
        ],
        [
            { from: 1, to: 21 },
            { from: 23, to: 65535 },
        ],
        [{ from: 1001, to: 65535 }],
    ]);
    const rulesFor = (protocol: string, port: number) => competingClaims(claims, { protocol, port }, []).map((c) => c.rule.split(" -j ")[1]);
    expect(rulesFor("tcp", 8080)).toEqual([
        "DNAT --to-destination 10.0.0.5",
        "DNAT --to-destination 10.0.0.6",
        "DNAT --to-destination 10.0.0.8",
        "DNAT --to-destination 10.0.0.9",
    ]);
    expect(rulesFor("tcp", 8500)).toEqual(["DNAT --to-destination 10.0.0.5", "DNAT --to-destination 10.0.0.8", "DNAT --to-destination 10.0.0.9"]);
    expect(rulesFor("tcp", 80)).toEqual(["DNAT --to-destination 10.0.0.6", "DNAT --to-destination 10.0.0.8"]);
    expect(rulesFor("tcp", 22)).toEqual([]);
    expect(rulesFor("udp", 6005)).toEqual(["DNAT --to-destination 10.0.0.7"]);
    expect(rulesFor("udp", 54)).toEqual([]);
    expect(parsePorts("80,8080")).toEqual([
        { from: 80, to: 80 },
        { from: 8080, to: 8080 },
    ]);
    expect(parsePorts("http")).toBeUndefined();
});

test("competing claims: another owner's or anyone's, one per owner, never the resource's own", () => {
    const claims = parsePortClaims(fixture("iptables-save-nat-dnat.txt"));
    const competing = (protocol: string, port: number, hostAddress?: string, own: string[] = []) =>
        competingClaims(claims, { protocol, port, hostAddress }, own).map(describeClaim);
    expect(competing("tcp", 5000)).toEqual([
        "a PortForward of another stack or resource (pulumi-netns:0123456789ab: `-A PREROUTING -p tcp -m addrtype --dst-type LOCAL -m tcp " +
            '--dport 5000 -m comment --comment "pulumi-netns:0123456789ab" -j DNAT --to-destination 192.168.1.10:5000`)',
    ]);
    expect(competing("tcp", 5000, undefined, ["pulumi-netns:0123456789ab"])).toEqual([]);
    expect(competing("tcp", 8080)).toEqual([
        "the rule `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80` (no pulumi-netns owner: Docker, a firewall or an admin made it)",
    ]);
    expect(competing("udp", 5353, "198.51.100.2")).toHaveLength(1);
    expect(competing("udp", 5353, "198.51.100.3")).toEqual([]);
    expect(competing("udp", 5353)).toHaveLength(1);
    expect(competing("tcp", 5001)).toEqual([]);
});

test("what a machine prints reaches a message printable: no terminal escapes, and a newline in a process name forges no listener (issue 31, finding 9)", () => {
    // Recorded: a process named "\nudp a b c *:22" on 5555, one named "\x1b]0;PWN\x07ok" on 5556, python3 on 5557.
    const listeners = parseListeners(fixture("ss-listeners-hostile-names.txt"));
    expect(listeners.map((l) => `${l.protocol} ${l.endpoint}`)).toEqual(["tcp 0.0.0.0:5555", "tcp 0.0.0.0:5557", "tcp 0.0.0.0:5556"]);
    expect(listeners.map(describeListener)).toEqual([
        '"\\nudp a b c *:22" listening on tcp 0.0.0.0:5555',
        '"python3" listening on tcp 0.0.0.0:5557',
        '"ok" listening on tcp 0.0.0.0:5556',
    ]);
    expect(listeners.map(describeListener).join("")).not.toMatch(/[\x00-\x1f\x7f]/);
    // A link named with an escape, and a rule whose comment holds one.
    const view: MachineView = { links: [{ name: "up\x1b[2Jlink", addresses: ["203.0.113.2/24"] }], routes: [] };
    expect(overlapReason(findOverlaps(["203.0.113.9/24"], machineNetworks(view)), "this machine")).toMatch(
        /^203\.0\.113\.9\/24: 203\.0\.113\.0\/24 overlaps 203\.0\.113\.0\/24 on uplink on/,
    );
    const [claim] = parsePortClaims('-A PREROUTING -p tcp -m tcp --dport 80 -m comment --comment "\x1b[31mred\x07x" -j DNAT --to-destination 10.0.0.1');
    expect(describeClaim(claim)).not.toMatch(/[\x00-\x1f\x7f]/);
});
