import * as ip from "../../provider/linux/ip-argv";
import { failedCommand, ipBatch } from "../../provider/linux/ip-batch";

test("commands of one namespace become the lines of one `ip -n NS -batch -`", () => {
    const batch = ipBatch([
        ip.linkConfigure("eth0", { alias: "pulumi-netns:abc", up: true }, "ns1"),
        ip.addrAdd("192.168.1.10/24", "eth0", "ns1"),
        ip.linkShow("eth0", "ns1"),
    ]);
    expect(batch.argv).toEqual(["ip", "-n", "ns1", "-d", "-j", "-batch", "-"]);
    expect(batch.input).toBe("link set dev eth0 alias pulumi-netns:abc up\naddr add 192.168.1.10/24 dev eth0\nlink show dev eth0\n");
});

test("a route add and its listing share the family flag", () => {
    const route = { family: 6 as const, destination: "default", via: "fd00::1", protocol: 245 };
    const batch = ipBatch([ip.routeAdd(route, "ns1"), ip.routeShow(route, "ns1")]);
    expect(batch.argv).toEqual(["ip", "-n", "ns1", "-6", "-j", "-batch", "-"]);
    expect(batch.input).toBe("route add default via fd00::1 proto 245\nroute show exact default proto 245\n");
});

test("a batch refuses what would not read back as the same words", () => {
    expect(() => ipBatch([ip.linkSetAlias("br0", "two words")])).toThrow(/"two words"/);
    expect(() => ipBatch([ip.linkSetAlias("br0", "x#comment")])).toThrow(/would not read back/);
    expect(() => ipBatch([ip.linkSetAlias("br0", 'q"uote')])).toThrow(/would not read back/);
    expect(() => ipBatch([ip.linkSetUp("lo", true, "ns1"), ip.linkSetUp("lo", true, "ns2")])).toThrow(/one namespace/);
    expect(() => ipBatch([["iptables", "-S"]])).toThrow(/not an ip command/);
});

test("a failed batch reads as the command it stopped at, with that command's own message", () => {
    const batch = ipBatch([ip.linkConfigure("veth0", { master: "br9", up: true }), ip.linkShow("veth0")]);
    const failed = failedCommand(batch, 'Cannot find device "br9"\nCommand failed -:1\n');
    expect(failed.argv).toEqual(["ip", "link", "set", "dev", "veth0", "master", "br9", "up"]);
    expect(failed.stderr).toBe('Cannot find device "br9"\n');
});

test("an argument ip refuses itself (it exits at once, naming no line) is found by the word it quotes", () => {
    const batch = ipBatch([ip.linkConfigure("veth0", { master: "nobridge", up: true }), ip.linkShow("veth0")]);
    const failed = failedCommand(batch, 'Error: argument "nobridge" is wrong: Device does not exist\n');
    expect(failed.argv).toEqual(["ip", "link", "set", "dev", "veth0", "master", "nobridge", "up"]);
});
