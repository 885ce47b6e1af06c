// examples/network: the seeds' topology as one Network. Verified like the seed topology in both
// families; then members added, removed and fixed without moving anyone else (same address, same
// ifindex, pings never stopping), a full pool refused at preview, DNS for the members, and a
// destroy that leaves the sandbox as found.
import { loadExeca } from "../../provider/host/load-execa";
import { failedChecks, NETWORK_LAYOUTS, seedChecks, settleIpv6 } from "../../sandbox/seed-checks";
import { startServer, WORLD } from "../../sandbox/world";
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

type Addresses = Record<string, { ipv4: string; ipv6?: string }>;

const stack = useSandboxedStack("examples/network", {
    world: true,
    ready: async (stack) => {
        await stack.project.setConfig({ hostAddress6: WORLD.uplinkAddress6 });
        await stack.project.up();
        await settleIpv6(stack.sandbox, ["ns1", "ns2"]);
        await startServer(stack.sandbox, "ns1", "192.168.1.2", 5000, "ns1");
        await startServer(stack.sandbox, "ns1", "fd00:1::2", 5000, "ns1");
    },
});

const addresses = async () => (await stack.project.outputs()).addresses as Addresses;
async function members(names: string[]): Promise<void> {
    await stack.project.pulumi("config", "rm", "members");
    for (const [i, name] of names.entries()) {
        await stack.project.ok("config", "set", "--path", `members[${i}]`, name);
    }
}
const ifindex = async (link: string) => JSON.parse(await stack.sandbox.sh("ip", "-j", "link", "show", "dev", link))[0].ifindex as number;

/** Pings from `from` to `to` every 0.2 s while `during` runs; the lost count. */
async function pingsLostDuring(from: string, to: string, during: () => Promise<unknown>): Promise<number> {
    const { execa } = await loadExeca();
    const argv = [...stack.sandbox.enterArgv(), "ip", "netns", "exec", from, "ping", "-i", "0.2", "-W", "1", to];
    const pinger = execa(argv[0], argv.slice(1), { reject: false, stdin: "ignore" });
    try {
        await new Promise((r) => setTimeout(r, 1000));
        await during();
        await new Promise((r) => setTimeout(r, 1000));
    } finally {
        pinger.kill("SIGINT");
    }
    const out = String((await pinger).stdout);
    const [, sent, received] = /(\d+) packets transmitted, (\d+) received/.exec(out) ?? [];
    expect(Number(sent)).toBeGreaterThan(5);
    return Number(sent) - Number(received);
}

test("members get the lowest free addresses after the gateway, in both families", async () => {
    expect(await addresses()).toEqual({
        ns1: { ipv4: "192.168.1.2", ipv6: "fd00:1::2" },
        ns2: { ipv4: "192.168.1.3", ipv6: "fd00:1::3" },
    });
    expect(await stack.sandbox.sh("ip", "-br", "addr", "show", "dev", "br0")).toMatch(/192\.168\.1\.1\/24 fd00:1::1\/64/);
});

test.each(NETWORK_LAYOUTS)("%s: every check of the seeds passes (pings, NAT out, DNAT in from a client, the host, the other member)", async (_, layout) => {
    expect(failedChecks(await seedChecks(stack.sandbox, layout))).toEqual([]);
});

test("a member added: the others keep address and veth (ifindex), pings between them never stop", async () => {
    const before = { ns1: await ifindex("ve-ns1"), ns2: await ifindex("ve-ns2") };
    const lost = await pingsLostDuring("ns1", "192.168.1.3", async () => {
        await members(["ns1", "ns2", "ns3"]);
        await stack.project.up();
    });
    expect(lost).toBe(0);
    expect(await addresses()).toEqual({
        ns1: { ipv4: "192.168.1.2", ipv6: "fd00:1::2" },
        ns2: { ipv4: "192.168.1.3", ipv6: "fd00:1::3" },
        ns3: { ipv4: "192.168.1.4", ipv6: "fd00:1::4" },
    });
    expect({ ns1: await ifindex("ve-ns1"), ns2: await ifindex("ve-ns2") }).toEqual(before);
});

test("a member removed: the others keep theirs, pings between them never stop", async () => {
    const before = { ns1: await ifindex("ve-ns1"), ns3: await ifindex("ve-ns3") };
    const lost = await pingsLostDuring("ns1", "192.168.1.4", async () => {
        await members(["ns1", "ns3"]);
        await stack.project.up();
    });
    expect(lost).toBe(0);
    expect(await addresses()).toEqual({
        ns1: { ipv4: "192.168.1.2", ipv6: "fd00:1::2" },
        ns3: { ipv4: "192.168.1.4", ipv6: "fd00:1::4" },
    });
    expect({ ns1: await ifindex("ve-ns1"), ns3: await ifindex("ve-ns3") }).toEqual(before);
    expect(await stack.sandbox.sh("ip", "netns", "list")).not.toMatch(/^ns2\b/m);
});

test("a member with a fixed address; the freed one is not handed to it", async () => {
    await members(["ns1", "ns3", "db"]);
    await stack.project.ok("config", "set", "--path", "fixed.db", "192.168.1.50");
    await stack.project.up();
    expect((await addresses()).db).toEqual({ ipv4: "192.168.1.50", ipv6: "fd00:1::32" });
    expect(await stack.sandbox.sh("ip", "-n", "db", "-br", "addr", "show", "dev", "eth0")).toMatch(/192\.168\.1\.50\/24/);
});

test("a pool too small is refused at preview, naming the network, and nothing changes", async () => {
    await stack.project.setConfig({ subnet: "10.9.9.0/30" });
    const preview = await stack.project.pulumi("preview");
    expect(preview.exitCode).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(
        /Network "lab": (no free address left in 10\.9\.9\.0\/30 for \w+|db: 192\.168\.1\.50 is not in 10\.9\.9\.0\/30)/,
    );
    await stack.project.ok("config", "rm", "subnet");
});

test("dns: each member's resolver, seen by `ip netns exec`", async () => {
    await stack.project.ok("config", "set", "--path", "dns[0]", "198.51.100.53");
    await stack.project.up();
    expect(await stack.sandbox.sh("ip", "netns", "exec", "ns3", "cat", "/etc/resolv.conf")).toMatch(/^nameserver 198\.51\.100\.53$/m);
});

test("destroy: links, namespaces, rules, routes, /etc/netns and sysctls exactly as before", async () => {
    await stack.project.ok("destroy", "--yes", "--skip-preview");
    expect(await stack.sandbox.snapshot()).toEqual(stack.before);
});
