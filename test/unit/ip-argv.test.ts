import * as ip from "../../provider/linux/ip-argv";

test("commands in the host namespace carry no -n", () => {
    expect(ip.bridgeAdd("br0")).toEqual(["ip", "link", "add", "name", "br0", "type", "bridge"]);
    expect(ip.bridgeAdd("br0", 9000)).toEqual(["ip", "link", "add", "name", "br0", "mtu", "9000", "type", "bridge"]);
    expect(ip.addrAdd("192.168.1.1/24", "br0")).toEqual(["ip", "addr", "add", "192.168.1.1/24", "dev", "br0"]);
});

test("commands in a named namespace use ip -n (one process, no `ip netns exec`)", () => {
    expect(ip.linkSetUp("lo", true, "ns1")).toEqual(["ip", "-n", "ns1", "link", "set", "dev", "lo", "up"]);
    expect(ip.linkShow("ceth0", "ns1")).toEqual(["ip", "-n", "ns1", "-j", "-d", "link", "show", "dev", "ceth0"]);
});

test("names are always single argv elements after a keyword", () => {
    const argv = ip.linkSetAlias("br0", "pulumi-netns:abc");
    expect(argv.slice(-2)).toEqual(["alias", "pulumi-netns:abc"]);
    expect(ip.netnsDelete("ns1")).toEqual(["ip", "netns", "del", "ns1"]);
});

test("a new link's name always follows the `name` keyword, so no name is read as a keyword", () => {
    expect(ip.vethAdd("veth0", "ceth0", "ns1")).toEqual(["ip", "link", "add", "name", "veth0", "type", "veth", "peer", "name", "ceth0", "netns", "ns1"]);
    expect(ip.linkSetMaster("veth0", "br0")).toEqual(["ip", "link", "set", "dev", "veth0", "master", "br0"]);
    expect(ip.linkDelete("veth0")).toEqual(["ip", "link", "del", "dev", "veth0"]);
});

test("one `ip link set` marks, enslaves and raises a link", () => {
    expect(ip.linkConfigure("veth0", { alias: "pulumi-netns:abc", master: "br0", up: true })).toEqual([
        "ip",
        "link",
        "set",
        "dev",
        "veth0",
        "alias",
        "pulumi-netns:abc",
        "master",
        "br0",
        "up",
    ]);
    expect(ip.linkConfigure("lo", { up: false }, "ns1")).toEqual(["ip", "-n", "ns1", "link", "set", "dev", "lo", "down"]);
    expect(ip.linkAndAddrShow("eth0", "ns1")).toEqual(["ip", "-n", "ns1", "-j", "-d", "addr", "show", "dev", "eth0"]);
});
