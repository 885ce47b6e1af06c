// The guard rails and the FORWARD DROP detection read nftables too, inside a private sandbox:
// DNAT claims in native nft rules (another stack's, netavark's, Docker's nftables backend) refuse a
// PortForward of the same port at check; a forward drop in another table is said to be beyond
// what the nftables backend can accept, and an iptables FORWARD DROP too.
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn } from "../support/kernel-provider";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    // netavark's way: a table of its own, a jump-free chain with one port; and an inet table with a set and a range.
    await sandbox.sh("nft", "add", "table", "ip", "netavark");
    await sandbox.sh("nft", "add", "chain", "ip", "netavark", "NETAVARK-HOSTPORT-DNAT", "{ type nat hook prerouting priority -100 ; }");
    await sandbox.sh(
        "nft",
        "add",
        "rule",
        "ip",
        "netavark",
        "NETAVARK-HOSTPORT-DNAT",
        "ip",
        "daddr",
        "198.51.100.1",
        "tcp",
        "dport",
        "8080",
        "dnat",
        "to",
        "10.88.0.2:80",
    );
    await sandbox.sh("nft", "add", "table", "inet", "docker");
    await sandbox.sh("nft", "add", "chain", "inet", "docker", "pre", "{ type nat hook prerouting priority -100 ; }");
    await sandbox.sh("nft", "add", "rule", "inet", "docker", "pre", "udp", "dport", "{ 53, 5353 }", "dnat", "ip", "to", "172.17.0.2");
    await sandbox.sh("nft", "add", "rule", "inet", "docker", "pre", "tcp", "dport", "7000-7010", "dnat", "ip", "to", "172.17.0.3");
});
afterAll(() => sandbox?.stop());

const failures = async (kind: "MasqueradeRule" | "PortForward", inputs: Record<string, unknown>, olds = {}) =>
    (await providerIn(kind, sandbox.host).check(olds, { ownerTag: "0123456789ab", ...inputs })).failures ?? [];

test.each([
    [{ hostPort: 8080, targetAddress: "192.168.1.10" }, /nft table ip netavark chain NETAVARK-HOSTPORT-DNAT: tcp dport 8080 dnat.*no pulumi-netns owner/],
    [{ hostPort: 8080, targetAddress: "192.168.1.10", hostAddress: "198.51.100.1" }, /tcp dport 8080/],
    [{ hostPort: 5353, targetAddress: "192.168.1.10", protocol: "udp" }, /nft table inet docker chain pre: udp dport \{ 53, 5353 \} dnat/],
    [{ hostPort: 7005, targetAddress: "192.168.1.10" }, /tcp dport 7000-7010 dnat/],
])("a port forwarded by a native nft rule is refused at check: %j", async (inputs, reason) => {
    for (const firewall of ["iptables", "nftables"]) {
        expect(await failures("PortForward", { ...inputs, firewall })).toEqual([{ property: "hostPort", reason: expect.stringMatching(reason) }]);
    }
});

test("a port of another address, protocol or port is not", async () => {
    expect(await failures("PortForward", { hostPort: 8080, targetAddress: "192.168.1.10", hostAddress: "198.51.100.2" })).toEqual([]);
    expect(await failures("PortForward", { hostPort: 7011, targetAddress: "192.168.1.10" })).toEqual([]);
    expect(await failures("PortForward", { hostPort: 53, targetAddress: "192.168.1.10" })).toEqual([]);
});

test("another stack's nftables forward is named by its owner; the resource's own rules never count", async () => {
    const fwd = providerIn("PortForward", sandbox.host);
    const { outs } = await checkAndCreate(fwd, { hostPort: 9000, targetAddress: "192.168.1.10", firewall: "nftables", ownerTag: "aaaaaaaaaaaa" });
    expect(await failures("PortForward", { hostPort: 9000, targetAddress: "192.168.1.20", firewall: "nftables" })).toEqual([
        {
            property: "hostPort",
            reason: expect.stringMatching(
                /a PortForward of another stack or resource \(pulumi-netns:aaaaaaaaaaaa: `nft table ip pulumi-netns chain prerouting/,
            ),
        },
    ]);
    expect((await fwd.check(outs, { ...outs, ownerTag: "aaaaaaaaaaaa" })).failures).toEqual([]);
    await fwd.delete("x", outs);
});

describe("forward drop with the nftables backend", () => {
    afterEach(async () => {
        await sandbox.run(["nft", "delete", "table", "inet", "fw"]);
        await sandbox.sh("iptables", "-w", "-P", "FORWARD", "ACCEPT");
    });

    test("a drop in another table's forward chain: acceptForward true cannot answer it from our table, false is taken at its word", async () => {
        await sandbox.sh("nft", "add", "table", "inet", "fw");
        await sandbox.sh("nft", "add", "chain", "inet", "fw", "forward", "{ type filter hook forward priority 0 ; policy drop ; }");
        const inputs = { sourceCidr: "192.168.1.0/24", excludeOutInterface: "br0", firewall: "nftables" };
        for (const acceptForward of [undefined, true]) {
            expect(await failures("MasqueradeRule", { ...inputs, acceptForward })).toEqual([
                {
                    property: "acceptForward",
                    reason: expect.stringMatching(
                        /the nftables chain "inet fw forward" on this machine drops .*whatever the table pulumi-netns accepts \(a drop in another table's chain is final\)/,
                    ),
                },
            ]);
        }
        expect(await failures("MasqueradeRule", { ...inputs, acceptForward: false })).toEqual([]);
    });

    test("iptables' FORWARD policy DROP: the nftables backend says to use iptables or accept it yourself", async () => {
        await sandbox.sh("iptables", "-w", "-P", "FORWARD", "DROP");
        expect(await failures("PortForward", { hostPort: 5000, targetAddress: "192.168.1.10", firewall: "nftables", acceptForward: true })).toEqual([
            { property: "acceptForward", reason: expect.stringMatching(/"ip filter FORWARD" on this machine drops/) },
        ]);
        // The iptables backend answers it with its ACCEPT rules.
        expect(await failures("PortForward", { hostPort: 5000, targetAddress: "192.168.1.10", firewall: "iptables", acceptForward: true })).toEqual([]);
    });

    test("acceptForward with nothing dropping: the accepts go in our forward chain and leave with the resource", async () => {
        const masq = providerIn("MasqueradeRule", sandbox.host);
        const { id, outs } = await checkAndCreate(masq, {
            sourceCidr: "192.168.1.0/24",
            excludeOutInterface: "br0",
            firewall: "nftables",
            acceptForward: true,
        });
        expect((await sandbox.sh("nft", "list", "chain", "ip", "pulumi-netns", "forward")).match(/ accept comment "pulumi-netns:/g)).toHaveLength(2);
        await masq.delete(id, outs);
        expect((await sandbox.run(["nft", "list", "table", "ip", "pulumi-netns"])).exitCode).not.toBe(0);
    });
});
