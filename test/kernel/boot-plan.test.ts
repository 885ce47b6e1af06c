// The boot plan's runner against the real kernel, in a sandbox that plays a machine just booted:
// two stacks' entries (a seed topology, and a VXLAN link with its FDB on the first stack's bridge)
// and one entry that cannot be made. What can be made is made, with its owner marks, exactly as the
// provider makes it; what cannot is said with the kernel's words and its entry, and the run fails;
// run again, nothing changes; a link someone else made under an entry's name is left alone; the
// forwarding owner it recorded is one a destroy after the reboot gives up, restoring the value before;
// rules held by nftables come back once in their table.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BootEntry, entryText } from "../../provider/boot/entry";
import { firewallEntry } from "../../provider/boot/firewall-entry";
import { bridgeEntry, namespaceEntry, routeEntry, vethEntry, vxlanEntry } from "../../provider/boot/kind-entries";
import { runnerScript } from "../../provider/boot/runner-script";
import { SwitchOwners } from "../../provider/linux/switch-owners";
import { masqueradeRules } from "../../provider/resources/masquerade-rule/rules";
import { Sandbox } from "../../sandbox/sandbox";

let machine: Sandbox;
let dir: string;
const tag = (n: number) => `00000000000${n.toString(16)}`;
const label = (n: number) => `pulumi-netns:${tag(n)}`;

/** Entry n (its tag) of the plan; stacks differ only by their tags. */
const ENTRIES: [number, BootEntry][] = [
    [1, namespaceEntry({ name: "ns1", loopbackUp: true, ownerTag: tag(1) })],
    [2, bridgeEntry({ name: "br0", addresses: ["192.168.1.1/24"], mtu: 1500, ownerTag: tag(2) })],
    [3, vethEntry({ hostName: "veth0", peerName: "ceth0", namespace: "ns1", bridge: "br0", addresses: ["192.168.1.10/24"], ownerTag: tag(3) })],
    [4, routeEntry({ family: 4, destination: "default", via: "192.168.1.1", device: "ceth0", metric: 0, protocol: 245 }, "ns1")],
    [5, { switches: [{ key: "net.ipv4.ip_forward", tag: tag(5), previous: 0, name: '{"stack":"a","resource":"forward"}' }] }],
    [6, firewallEntry("iptables", masqueradeRules({ sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0", ownerTag: tag(6) } as never), label(6))],
    // The second stack: a tunnel on the first one's bridge, with two remotes.
    [7, vxlanEntry({ name: "vx0", vni: 42, localAddress: "10.77.0.2", dstPort: 4789, remotes: ["10.77.0.3", "10.77.0.4"], bridge: "br0", ownerTag: tag(7) })],
    // Cannot be made: its gateway's device does not exist.
    [8, routeEntry({ family: 4, destination: "10.9.0.0/16", via: "192.168.1.99", device: "nothere0", protocol: 245 }, undefined)],
    // Its name is taken by a link someone else made.
    [9, bridgeEntry({ name: "taken0", addresses: ["10.10.0.1/24"], ownerTag: tag(9) })],
];

const run = () => machine.run(["sh", join(dir, "run.sh"), join(dir, "entries")]);

beforeAll(async () => {
    machine = await Sandbox.start();
    dir = await mkdtemp(join(tmpdir(), "pulumi-netns-boot-plan-"));
    await writeFile(join(dir, "run.sh"), runnerScript());
    await mkdir(join(dir, "entries"));
    for (const [n, entry] of ENTRIES) {
        await writeFile(join(dir, "entries", tag(n)), entryText(entry));
    }
    await machine.sh("ip", "link", "add", "taken0", "type", "bridge");
});
afterAll(async () => {
    await machine?.stop();
    await rm(dir, { recursive: true, force: true });
});

test("a plan that fails half way makes what it can, says what it could not, and fails", async () => {
    const r = await run();
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe(
        `pulumi-netns boot: could not route add 10.9.0.0/16 via 192.168.1.99 dev nothere0 proto 245 (in the host, entry ${tag(8)}): Cannot find device "nothere0"`,
    );
    expect(r.stdout).toMatch(/9 entries, 1 left as found .*, 1 could not be done/);

    // Everything else, with the owner marks the provider would give it.
    const link = async (name: string, ns?: string) => JSON.parse(await machine.sh("ip", ...(ns ? ["-n", ns] : []), "-j", "-d", "link", "show", "dev", name))[0];
    expect((await link("lo", "ns1")).ifalias).toBe(label(1));
    expect(await link("br0")).toMatchObject({ ifalias: label(2), operstate: expect.any(String), mtu: 1500 });
    expect(await link("veth0")).toMatchObject({ ifalias: label(3), master: "br0" });
    expect((await link("ceth0", "ns1")).ifalias).toBe(label(3));
    expect(await machine.sh("ip", "-n", "ns1", "route", "show", "default")).toMatch(/^default via 192\.168\.1\.1 dev ceth0 proto 245/);
    expect(await machine.sh("ping", "-c", "1", "-W", "2", "192.168.1.10")).toMatch(/1 received/);
    expect(await link("vx0")).toMatchObject({ ifalias: label(7), master: "br0" });
    expect(await machine.sh("bridge", "fdb", "show", "dev", "vx0")).toMatch(/00:00:00:00:00:00 dst 10\.77\.0\.3[\s\S]*00:00:00:00:00:00 dst 10\.77\.0\.4/);
    expect((await machine.sh("sysctl", "-n", "net.ipv4.ip_forward")).trim()).toBe("1");
    expect(await machine.sh("sh", "-c", "ls /run/pulumi-netns/switches/*/net.ipv4.ip_forward")).toBe(`owner.${tag(5)}\nprevious.0`);
    expect(await machine.sh("iptables", "-t", "nat", "-S", "POSTROUTING")).toMatch(
        `-A POSTROUTING -s 192.168.1.0/24 ! -o br0 -m comment --comment "${label(6)}" -j MASQUERADE`,
    );
    // The other's link is as it was: no mark, no address, not up.
    expect(await link("taken0")).toMatchObject({ operstate: "DOWN" });
    expect((await link("taken0")).ifalias).toBeUndefined();
});

test("run again, it changes nothing: no rule twice, no link touched", async () => {
    const before = await machine.snapshot();
    const fdb = await machine.sh("bridge", "fdb", "show", "dev", "vx0");
    const r = await run();
    expect(r.stdout).toMatch(/9 entries, 5 left as found/);
    expect(await machine.snapshot()).toEqual(before);
    expect(await machine.sh("bridge", "fdb", "show", "dev", "vx0")).toBe(fdb);
});

test("the forwarding owner it recorded is one the provider's destroy gives up: the value found before the first owner comes back", async () => {
    expect(await new SwitchOwners(machine.host).leave("net.ipv4.ip_forward", tag(5), undefined)).toEqual({ kept: false, restored: 0 });
    expect((await machine.sh("sysctl", "-n", "net.ipv4.ip_forward")).trim()).toBe("0");
});

test("rules held by nftables come back in their table once, however often the plan runs", async () => {
    const nft = join(dir, "nft-entries");
    await mkdir(nft);
    const rules = masqueradeRules({ sourceCidr: "192.168.7.0/24", excludeOutInterface: "br0", ownerTag: tag(10) } as never);
    await writeFile(join(nft, tag(10)), entryText(firewallEntry("nftables", rules, label(10))));
    for (let i = 0; i < 2; i++) {
        const r = await machine.run(["sh", join(dir, "run.sh"), nft]);
        expect(r.stderr).toBe("");
        expect(r.exitCode).toBe(0);
    }
    const listed = await machine.sh("nft", "list", "table", "ip", "pulumi-netns");
    expect(listed.match(/masquerade/g)).toHaveLength(1);
    expect(listed).toContain(`ip saddr 192.168.7.0/24 oifname != "br0" masquerade comment "${label(10)} `);
});
