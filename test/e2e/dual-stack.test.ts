// The seeds' topology in IPv4 and IPv6 at once (test/programs/dual-stack, no dependsOn): pings in
// both families, NAT66 seen by the simulated wan, DNAT6 reached by an outside client over HTTP,
// and a destroy that leaves IPv6 routes and ip6tables as they were.
import { failedChecks, SEED_V4, SEED_V6, seedChecks, settleIpv6 } from "../../sandbox/seed-checks";
import { startServer, WORLD } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const stack = useSandboxedStack("test/programs/dual-stack", {
    world: true,
    ready: async (stack) => {
        await stack.project.setConfig({ hostAddress6: WORLD.uplinkAddress6 });
        await stack.project.up();
        await settleIpv6(stack.sandbox, ["ns1", "ns2"]);
        await startServer(stack.sandbox, "ns1", "192.168.1.10", 5000, "ns1");
        await startServer(stack.sandbox, "ns1", "fd00:1::10", 5000, "ns1");
    },
});

test("IPv4: every check of the seeds passes", async () => {
    expect(failedChecks(await seedChecks(stack.sandbox, SEED_V4))).toEqual([]);
});

test("IPv6: ping -6 across the bridge, NAT66 out, DNAT6 in from a client, the host and the other namespace", async () => {
    expect(failedChecks(await seedChecks(stack.sandbox, SEED_V6))).toEqual([]);
});

test("the IPv6 rules are tagged like the IPv4 ones", async () => {
    const rules = (await stack.sandbox.sh("ip6tables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A"));
    expect(rules).toHaveLength(4); // MASQUERADE out, DNAT in PREROUTING and OUTPUT, the hairpin masquerade
    expect(rules.every((l) => /--comment "?pulumi-netns:/.test(l))).toBe(true);
    expect(rules.join("\n")).toMatch(/-A POSTROUTING -s fd00:1::\/64 -d fd00:1::10\/128 .*MASQUERADE/);
});

test("a second up changes nothing", async () => {
    await stack.project.up();
    expect(await stack.project.lastChanges()).toEqual({ same: 16 });
});

test("destroy: links, routes, iptables, ip6tables and sysctls exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
