import { diagnosis, likelyCause, movedCounters, type PathFacts, parseCounters } from "../../provider/resources/probe/diagnosis";
import { probeArgv, probeUrl, reached, routeGet } from "../../provider/resources/probe/probe-argv";
import { probeInputs } from "../../provider/resources/probe/schema";

const probe = (fields: Record<string, unknown>) => probeInputs.parse({ from: "ns1", to: "192.168.1.11", ...fields });

test("each kind's command, run inside the source namespace; IPv6 URLs in brackets", () => {
    expect(probeArgv(probe({}))).toEqual(["ip", "netns", "exec", "ns1", "ping", "-n", "-q", "-c", "1", "-W", "5", "192.168.1.11"]);
    expect(probeArgv(probe({ from: "host", kind: "tcp", port: 22, timeoutSeconds: 2 }))).toEqual(["nc", "-z", "-n", "-w", "2", "192.168.1.11", "22"]);
    expect(probeUrl(probe({ to: "fd00::1", kind: "http", port: 8080, path: "/health" }))).toBe("http://[fd00::1]:8080/health");
    expect(probeArgv(probe({ kind: "http" })).slice(-1)).toEqual(["http://192.168.1.11:80/"]);
    // Straight to the target: no ~/.curlrc (-q, first), no proxy from the environment.
    expect(probeArgv(probe({ kind: "http" })).slice(4, 9)).toEqual(["curl", "-q", "-sS", "--noproxy", "*"]);
    expect(routeGet(probe({}))).toEqual(["ip", "-n", "ns1", "route", "get", "192.168.1.11"]);
});

test("what counts as reached: exit 0, and for http a 2xx or 3xx status", () => {
    expect(reached(probe({}), 0, "")).toBe(true);
    expect(reached(probe({}), 1, "")).toBe(false);
    expect(reached(probe({ kind: "http" }), 0, "200")).toBe(true);
    expect(reached(probe({ kind: "http" }), 0, "503")).toBe(false);
});

test("inputs refused before anything runs", () => {
    expect(probeInputs.safeParse({ from: "ns1", to: "192.168.1.11", kind: "tcp" }).error?.issues[0].message).toBe("a tcp probe needs a port");
    expect(probeInputs.safeParse({ from: "ns1", to: "example.com" }).success).toBe(false);
    expect(probeInputs.safeParse({ from: "ns1", to: "192.168.1.11", kind: "http", path: "/a b" }).success).toBe(false);
    expect(probeInputs.safeParse({ from: "-x", to: "192.168.1.11" }).success).toBe(false);
});

const listing = (dnat: number, policy: number, accept: number) => `Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination
       ${dnat}        0 DNAT       6    --  *      *       0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL tcp dpt:5000 /* pulumi-netns:abcdefabcdef */ to:192.168.1.10:5000

Chain FORWARD (policy DROP ${policy} packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination
       ${accept}        0 ACCEPT     0    --  br0    *       0.0.0.0/0            0.0.0.0/0
`;

test("counters that moved between two listings (recorded iptables -L -n -v -x format)", () => {
    expect(parseCounters(listing(0, 0, 0)).map((c) => [c.name, c.policy, c.rules.length])).toEqual([
        ["PREROUTING", "ACCEPT", 1],
        ["FORWARD", "DROP", 1],
    ]);
    const moved = movedCounters(parseCounters(listing(0, 0, 0)), parseCounters(listing(1, 3, 0)));
    expect(moved.policies).toEqual(["FORWARD policy DROP"]);
    expect(moved.rules).toEqual([expect.stringMatching(/^PREROUTING: DNAT .*dpt:5000 .*to:192.168.1.10:5000$/)]);
});

const healthy: PathFacts = {
    route: { ok: true, text: "203.0.113.1 via 192.168.1.1 dev eth0 src 192.168.1.10 uid 0" },
    linksDown: [],
    forwarding: true,
    forwardPolicy: "ACCEPT",
    forward: { rules: [], policies: [] },
    nat: { rules: [] },
    targetIsLocal: false,
};

test("the likely cause, in triage order", () => {
    const p = probe({ to: "203.0.113.1" });
    expect(likelyCause(p, { ...healthy, route: { ok: false, text: "RTNETLINK answers: Network is unreachable" } })).toMatch(/^no route from ns1/);
    expect(likelyCause(p, { ...healthy, linksDown: ["veth1 (host)"] })).toBe("veth1 (host) is down");
    expect(likelyCause(p, { ...healthy, forwarding: false })).toMatch(/forwarding is off on the host \(net.ipv4.ip_forward = 0\)/);
    expect(likelyCause(p, { ...healthy, forward: { rules: [], policies: ["FORWARD policy DROP"] } })).toMatch(/policy DROP dropped it/);
    // On-link traffic needs no forwarding: a switch that is off is not blamed.
    expect(likelyCause(probe({}), { ...healthy, route: { ok: true, text: "192.168.1.11 dev eth0 src 192.168.1.10" }, forwarding: false })).toBeUndefined();
    const web = probe({ from: "client", to: "198.51.100.1", kind: "http", port: 5000 });
    expect(likelyCause(web, { ...healthy, route: { ok: true, text: "198.51.100.1 dev eth0 src 198.51.100.3" }, targetIsLocal: true })).toMatch(
        /no NAT rule matched, so nothing forwards 198.51.100.1 port 5000/,
    );
    expect(diagnosis(web, "unreachable", { ...healthy, targetIsLocal: true })).toMatch(
        /^http to port 5000 from client to 198.51.100.1: unreachable after 3 attempts[\s\S]*NAT rules that matched: none\nLikely cause: no NAT/,
    );
});
