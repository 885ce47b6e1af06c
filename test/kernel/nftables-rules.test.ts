// MasqueradeRule and PortForward with the nftables backend against the real kernel, inside private
// sandboxes: one that has iptables too (the backend chosen by `firewall`), and one with only `nft`
// (the backend chosen by the machine). Rules live in our tables only, marked with their owner.
import { NftablesBackend } from "../../provider/firewall/nftables-backend";
import type { FirewallRule } from "../../provider/firewall/rule";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await sandbox.sh("ip", "link", "add", "br0", "type", "bridge");
    await sandbox.sh("ip", "link", "set", "br0", "up");
    await sandbox.sh("ip", "addr", "add", "192.168.1.1/24", "dev", "br0");
    await sandbox.sh("ip", "addr", "add", "fd00:1::1/64", "dev", "br0", "nodad");
    // Someone else's table, which must stay exactly as it is.
    await sandbox.sh("nft", "add", "table", "inet", "theirs");
    await sandbox.sh("nft", "add", "chain", "inet", "theirs", "pre", "{ type nat hook prerouting priority -100 ; }");
    await sandbox.sh(
        "nft",
        "add",
        "rule",
        "inet",
        "theirs",
        "pre",
        "tcp",
        "dport",
        "9999",
        "dnat",
        "ip",
        "to",
        "192.168.1.99",
        "comment",
        '"pulumi-netns:ffffffffffff"',
    );
});
afterAll(() => sandbox?.stop());

/** Our rules, one line each, handles left out. */
const ours = async (family: "ip" | "ip6" = "ip") => {
    const r = await sandbox.run(["nft", "list", "table", family, "pulumi-netns"]);
    return r.exitCode === 0
        ? r.stdout
              .split("\n")
              .map((l) => l.trim())
              .filter((l) => / comment "pulumi-netns:/.test(l))
        : [];
};
const theirs = () => sandbox.sh("nft", "list", "table", "inet", "theirs");
let theirsBefore: string;
beforeAll(async () => {
    theirsBefore = await theirs();
});
afterEach(async () => {
    expect(await theirs()).toBe(theirsBefore);
});

test("MasqueradeRule: the seeds' rule in table ip pulumi-netns, marked with its owner; deleted exactly, the table with its last rule", async () => {
    const masq = providerIn("MasqueradeRule", sandbox.host);
    const { id, outs } = await checkAndCreate(masq, { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0", firewall: "nftables" });
    expect(await ours()).toEqual([
        expect.stringMatching(new RegExp(`^ip saddr 192.168.1.0/24 oifname != "br0" masquerade comment "pulumi-netns:${outs.ownerTag} [0-9a-f]{10}"$`)),
    ]);
    expect(outs.ruleSpec).toMatch(/^ip pulumi-netns postrouting ip saddr 192.168.1.0\/24 oifname != "br0" masquerade comment "pulumi-netns:/);
    expect(outs.firewall).toBe("nftables");
    expect((await masq.read(id, outs)).props).toMatchObject({ inSync: true });
    // No iptables rule was made.
    expect(await sandbox.iptablesRules()).toBe("");

    await masq.delete(id, outs);
    expect((await sandbox.run(["nft", "list", "table", "ip", "pulumi-netns"])).exitCode).not.toBe(0);
    expect((await masq.read(id, outs)).id).toBeUndefined();
    await masq.delete(id, outs); // twice: success
});

test("PortForward: prerouting and output DNAT and the hairpin; a lost rule is out of sync and repaired", async () => {
    const fwd = providerIn("PortForward", sandbox.host);
    const inputs = { hostPort: 5000, targetAddress: "192.168.1.10", protocol: "tcp", firewall: "nftables" };
    const { id, outs } = await checkAndCreate(fwd, inputs);
    const mark = `comment "pulumi-netns:${outs.ownerTag} `;
    expect((await ours()).map((l) => l.slice(0, l.indexOf(mark)))).toEqual([
        "fib daddr type local tcp dport 5000 dnat to 192.168.1.10:5000 ",
        "fib daddr type local tcp dport 5000 dnat to 192.168.1.10:5000 ",
        "ip saddr 192.168.1.0/24 ip daddr 192.168.1.10 tcp dport 5000 ct status dnat masquerade ",
    ]);

    // One chain flushed (a reload of part of the ruleset): out of sync; update puts it back.
    await sandbox.sh("nft", "flush", "chain", "ip", "pulumi-netns", "output");
    const drifted = (await fwd.read(id, outs)).props!;
    expect(drifted.inSync).toBe(false);
    await fwd.update(id, drifted, { ...inputs, ownerTag: outs.ownerTag });
    expect(await ours()).toHaveLength(3);

    // Another owner's identical rule (same spec, other owner) stays when ours goes.
    await fwd.delete(id, outs);
    expect(await ours()).toEqual([]);
});

test("a rule the kernel refuses leaves none of the others: one nft transaction", async () => {
    const backend = new NftablesBackend(sandbox.host);
    const dnat: FirewallRule = {
        family: 4,
        hook: "prerouting",
        match: [{ destinationPort: 6000, protocol: "tcp" }],
        action: { dnat: { address: "192.168.1.10", port: 6000 } },
    };
    // The kernel takes masquerade in postrouting only.
    const refused: FirewallRule = { family: 6, hook: "prerouting", match: [{ source: "fd00:1::/64" }], action: { masquerade: true } };
    await expect(backend.ensure([dnat, refused], "pulumi-netns:0123456789ab")).rejects.toThrow(
        /running "nft -f -": exit 1: [\s\S]*the commands were:[\s\S]*masquerade/,
    );
    expect((await sandbox.run(["nft", "list", "table", "ip", "pulumi-netns"])).exitCode).not.toBe(0);
    expect((await sandbox.run(["nft", "list", "table", "ip6", "pulumi-netns"])).exitCode).not.toBe(0);
});

test("PortForward to an IPv6 target: table ip6 pulumi-netns; a replacement (same owner, other port) keeps its rules", async () => {
    const fwd = providerIn("PortForward", sandbox.host);
    const ownerTag = "0123456789ab";
    const v1 = { hostPort: 7000, targetAddress: "fd00:1::10", ownerTag, firewall: "nftables" };
    const { id, outs } = await checkAndCreate(fwd, v1);
    expect(await ours("ip6")).toEqual([
        expect.stringMatching(/^fib daddr type local tcp dport 7000 dnat to \[fd00:1::10\]:7000 comment/),
        expect.stringMatching(/^fib daddr type local tcp dport 7000 dnat to \[fd00:1::10\]:7000 comment/),
        expect.stringMatching(/^ip6 saddr fd00:1::\/64 ip6 daddr fd00:1::10 tcp dport 7000 ct status dnat masquerade comment/),
    ]);
    const { outs: v2 } = await checkAndCreate(fwd, { ...v1, hostPort: 7001 });
    await fwd.delete(id, outs);
    expect((await ours("ip6")).filter((l) => l.includes("dport 7001"))).toHaveLength(3);
    expect((await ours("ip6")).some((l) => l.includes("dport 7000"))).toBe(false);
    await fwd.delete("x", v2);
    expect((await sandbox.run(["nft", "list", "table", "ip6", "pulumi-netns"])).exitCode).not.toBe(0);
});

describe("a machine with only nft", () => {
    let nftOnly: Sandbox;
    beforeAll(async () => {
        nftOnly = await Sandbox.start();
        await nftOnly.hideIptables();
    });
    afterAll(() => nftOnly?.stop());

    test("check fills in firewall: nftables, and the rules go there", async () => {
        expect((await nftOnly.run(["iptables", "--version"])).exitCode).not.toBe(0);
        const masq = providerIn("MasqueradeRule", nftOnly.host);
        const checked = await masq.check({}, { ownerTag: "0123456789ab", sourceCidr: "10.9.0.0/24", outInterface: "eth0" });
        expect(checked).toMatchObject({ failures: [], inputs: { firewall: "nftables" } });
        const { id, outs } = await masq.create(checked.inputs);
        expect(await nftOnly.nftRuleset()).toMatch(
            /table ip pulumi-netns \{[\s\S]*ip saddr 10.9.0.0\/24 oifname "eth0" masquerade comment "pulumi-netns:0123456789ab /,
        );
        await masq.delete(id, outs);
        expect(await nftOnly.nftRuleset()).toBe("");
    });

    test("after `nft flush ruleset` read finds the rules gone (refresh drops them, up makes them again)", async () => {
        const fwd = providerIn("PortForward", nftOnly.host);
        const { id, outs } = await checkAndCreate(fwd, { hostPort: 8000, targetAddress: "10.9.0.10" });
        expect(outs.firewall).toBe("nftables");
        await nftOnly.sh("nft", "flush", "ruleset");
        expect((await fwd.read(id, outs)).id).toBeUndefined();
        await fwd.delete(id, outs); // already gone: success
    });

    test("a choice made before stays: check keeps the recorded firewall", async () => {
        const masq = providerIn("MasqueradeRule", nftOnly.host);
        const olds = { ownerTag: "0123456789ab", sourceCidr: "10.9.0.0/24", firewall: "iptables" };
        const checked = await masq.check(olds, { ownerTag: "0123456789ab", sourceCidr: "10.9.0.0/24" });
        expect(checked.inputs.firewall).toBe("iptables");
    });
});
