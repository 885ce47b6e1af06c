// MasqueradeRule and PortForward against the real kernel's iptables, inside a private sandbox.

import { Sandbox } from "../../sandbox/sandbox";
import { argvContains, FaultyHost } from "../support/faulty-host";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await sandbox.sh("ip", "link", "add", "br0", "type", "bridge");
    await sandbox.sh("ip", "link", "set", "br0", "up");
    await sandbox.sh("ip", "addr", "add", "192.168.1.1/24", "dev", "br0");
});
afterAll(() => sandbox?.stop());

const nat = async () => (await sandbox.sh("iptables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A"));

test("MasqueradeRule: the seeds' rule, tagged, found by its tag, removed by it", async () => {
    const masq = providerIn("MasqueradeRule", sandbox.host);
    const { id, outs } = await checkAndCreate(masq, { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0" });
    expect(await nat()).toEqual([`-A POSTROUTING -s 192.168.1.0/24 ! -o br0 -m comment --comment "pulumi-netns:${outs.ownerTag}" -j MASQUERADE`]);
    expect(outs.ruleSpec).toBe(`-t nat -A POSTROUTING -s 192.168.1.0/24 ! -o br0 -m comment --comment pulumi-netns:${outs.ownerTag} -j MASQUERADE`);
    expect((await masq.read(id, outs)).props).toMatchObject({ inSync: true });

    // A rule of someone else's, identical but for the tag, must survive our delete.
    await sandbox.sh("iptables", "-w", "-t", "nat", "-A", "POSTROUTING", "-s", "192.168.1.0/24", "!", "-o", "br0", "-j", "MASQUERADE");
    await masq.delete(id, outs);
    expect(await nat()).toEqual(["-A POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE"]);
    expect((await masq.read(id, outs)).id).toBeUndefined();
    await masq.delete(id, outs); // twice: success
    await sandbox.sh("iptables", "-w", "-t", "nat", "-F", "POSTROUTING");
});

test("PortForward: PREROUTING and OUTPUT DNAT plus the hairpin masquerade for the target's subnet", async () => {
    const fwd = providerIn("PortForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { hostPort: 5000, targetAddress: "192.168.1.10", protocol: "tcp" });
    const tag = `"pulumi-netns:${outs.ownerTag}"`;
    expect((await nat()).sort()).toEqual([
        `-A OUTPUT -p tcp -m addrtype --dst-type LOCAL -m tcp --dport 5000 -m comment --comment ${tag} -j DNAT --to-destination 192.168.1.10:5000`,
        `-A POSTROUTING -s 192.168.1.0/24 -d 192.168.1.10/32 -p tcp -m tcp --dport 5000 -m conntrack --ctstate DNAT -m comment --comment ${tag} -j MASQUERADE`,
        `-A PREROUTING -p tcp -m addrtype --dst-type LOCAL -m tcp --dport 5000 -m comment --comment ${tag} -j DNAT --to-destination 192.168.1.10:5000`,
    ]);

    // One rule flushed away (a firewall reload of one chain): read says out of sync, update repairs.
    await sandbox.sh("iptables", "-w", "-t", "nat", "-F", "OUTPUT");
    const drifted = (await fwd.read(id, outs)).props!;
    expect(drifted.inSync).toBe(false);
    await fwd.update(id, drifted, { ownerTag: drifted.ownerTag, hostPort: 5000, targetAddress: "192.168.1.10", protocol: "tcp" });
    expect(await nat()).toHaveLength(3);

    await fwd.delete(id, outs);
    expect(await nat()).toEqual([]);
});

test("PortForward with a host address and interface: no OUTPUT rule, exact match", async () => {
    const fwd = providerIn("PortForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, {
        hostPort: 8080,
        targetAddress: "192.168.1.11",
        targetPort: 80,
        protocol: "udp",
        hostAddress: "198.51.100.1",
        inInterface: "eth9",
    });
    const rules = await nat();
    expect(rules.find((r) => r.startsWith("-A PREROUTING"))).toMatch(
        /^-A PREROUTING -d 198.51.100.1\/32 -i eth9 -p udp -m udp --dport 8080 .* -j DNAT --to-destination 192.168.1.11:80$/,
    );
    expect(rules.some((r) => r.startsWith("-A OUTPUT"))).toBe(false);
    await fwd.delete(id, outs);
    expect(await nat()).toEqual([]);
});

test("a refused rule leaves none of the resource's rules: they go in as one transaction", async () => {
    const fwd = providerIn("PortForward", new FaultyHost(sandbox.host, (argv) => argvContains(argv, ["-A", "OUTPUT"])));
    await expect(checkAndCreate(fwd, { hostPort: 6000, targetAddress: "192.168.1.10", protocol: "tcp" })).rejects.toThrow(
        /PortForward "tcp \*:6000 -> 192.168.1.10:6000": running "iptables-restore -w 30 --noflush": exit 2: .*injected[\s\S]*-A OUTPUT/,
    );
    expect(await nat()).toEqual([]);
});

test("rules are never doubled: an interrupted create is adopted, a replacement keeps its own rules", async () => {
    const fwd = providerIn("PortForward", sandbox.host);
    const ownerTag = "0123456789ab";
    const v1 = { hostPort: 7000, targetAddress: "192.168.1.10", protocol: "tcp", ownerTag };
    await checkAndCreate(fwd, v1); // state lost
    const { id, outs } = await checkAndCreate(fwd, v1);
    expect(await nat()).toHaveLength(3);
    // Port change: Pulumi creates the replacement (same owner tag) and then deletes the old one.
    const { outs: v2 } = await checkAndCreate(fwd, { ...v1, hostPort: 7001 });
    await fwd.delete(id, outs);
    expect((await nat()).filter((r) => r.includes("--dport 7001")).length).toBe(3);
    expect((await nat()).some((r) => r.includes("--dport 7000 "))).toBe(false);
    await fwd.delete("x", v2);
    expect(await nat()).toEqual([]);
});

test("PortForward made before its target's network: no hairpin yet; read sees the network appear, update adds the hairpin", async () => {
    process.env.PULUMI_NETNS_SETTLE_SECONDS = "0.3";
    try {
        const fwd = providerIn("PortForward", sandbox.host);
        const inputs = { hostPort: 5500, targetAddress: "10.20.0.10", protocol: "tcp" };
        const { id, outs } = await checkAndCreate(fwd, inputs);
        expect(outs.facts).toEqual({});
        expect((await nat()).filter((r) => r.includes("MASQUERADE"))).toEqual([]);
        expect((await fwd.read(id, outs)).props).toMatchObject({ inSync: true });

        await sandbox.sh("ip", "link", "add", "br5", "type", "bridge");
        await sandbox.sh("ip", "addr", "add", "10.20.0.1/24", "dev", "br5");
        await sandbox.sh("ip", "link", "set", "br5", "up");
        const drifted = (await fwd.read(id, outs)).props!;
        expect(drifted.inSync).toBe(false);
        const { outs: repaired } = await fwd.update(id, drifted, { ...inputs, ownerTag: outs.ownerTag });
        expect(repaired).toMatchObject({ facts: { hairpinCidr: "10.20.0.0/24" }, inSync: true });
        expect((await nat()).filter((r) => r.includes("MASQUERADE"))).toEqual([
            expect.stringMatching(/^-A POSTROUTING -s 10.20.0.0\/24 -d 10.20.0.10\/32 -p tcp .*--dport 5500 .*-j MASQUERADE$/),
        ]);
        await fwd.delete(id, repaired);
        expect(await nat()).toEqual([]);
        await sandbox.sh("ip", "link", "del", "br5");
    } finally {
        delete process.env.PULUMI_NETNS_SETTLE_SECONDS;
    }
});

test("PortForward to an IPv6 target: DNAT6 in PREROUTING and OUTPUT and the hairpin for its /64", async () => {
    await sandbox.sh("ip", "addr", "add", "fd00:1::1/64", "dev", "br0", "nodad");
    const fwd = providerIn("PortForward", sandbox.host);
    const { id, outs } = await checkAndCreate(fwd, { hostPort: 5000, targetAddress: "fd00:1::10" });
    const nat6 = (await sandbox.sh("ip6tables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A"));
    expect(nat6.sort()).toEqual([
        expect.stringMatching(/^-A OUTPUT .*--dport 5000 .*-j DNAT --to-destination \[fd00:1::10\]:5000$/),
        expect.stringMatching(/^-A POSTROUTING -s fd00:1::\/64 -d fd00:1::10\/128 .*-j MASQUERADE$/),
        expect.stringMatching(/^-A PREROUTING .*--dport 5000 .*-j DNAT --to-destination \[fd00:1::10\]:5000$/),
    ]);
    await fwd.delete(id, outs);
    expect((await sandbox.sh("ip6tables-save", "-t", "nat")).split("\n").filter((l) => l.startsWith("-A"))).toEqual([]);
});

describe("acceptForward opens no more than it must", () => {
    const forward = async () => (await sandbox.sh("iptables", "-w", "-S", "FORWARD")).split("\n").filter((l) => l.startsWith("-A"));
    afterEach(async () => {
        await sandbox.sh("iptables", "-w", "-F", "FORWARD");
        await sandbox.run(["iptables", "-w", "-X", "DOCKER-USER"]);
    });

    test("the subnet's ACCEPTs are bound to its bridge and come after DOCKER-USER and the admin's own DROP", async () => {
        await sandbox.sh("iptables", "-w", "-N", "DOCKER-USER");
        await sandbox.sh("iptables", "-w", "-A", "FORWARD", "-j", "DOCKER-USER");
        await sandbox.sh("iptables", "-w", "-A", "FORWARD", "-s", "192.168.1.66/32", "-j", "DROP");
        const masq = providerIn("MasqueradeRule", sandbox.host);
        const { id, outs } = await checkAndCreate(masq, { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0", acceptForward: true });
        const tag = `"pulumi-netns:${outs.ownerTag}"`;
        expect(await forward()).toEqual([
            "-A FORWARD -j DOCKER-USER",
            "-A FORWARD -s 192.168.1.66/32 -j DROP",
            `-A FORWARD -s 192.168.1.0/24 -i br0 -m comment --comment ${tag} -j ACCEPT`,
            `-A FORWARD -d 192.168.1.0/24 -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment ${tag} -j ACCEPT`,
        ]);
        await masq.delete(id, outs);
        expect(await forward()).toEqual(["-A FORWARD -j DOCKER-USER", "-A FORWARD -s 192.168.1.66/32 -j DROP"]);
    });

    test("refused at check: a /0 source, and acceptForward with no interface to bind it to", async () => {
        const masq = providerIn("MasqueradeRule", sandbox.host);
        const failures = async (inputs: Record<string, unknown>) =>
            ((await masq.check({}, { ownerTag: "0123456789ab", ...inputs })).failures ?? []).map((f) => f.property);
        expect(await failures({ sourceCidr: "0.0.0.0/0", excludeOutInterface: "br0" })).toEqual(["sourceCidr"]);
        expect(await failures({ sourceCidr: "::/0", outInterface: "eth0" })).toEqual(["sourceCidr"]);
        expect(await failures({ sourceCidr: "192.168.1.0/24", acceptForward: true })).toEqual(["acceptForward"]);
        expect(await forward()).toEqual([]);
    });
});
