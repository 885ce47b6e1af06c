// The plan check of a Route's gateway, said at check (so at preview) in both doors: a gateway on no
// network its namespace has or is given by the run is refused, naming the networks it does have.
import type { HostResolver } from "../../provider/host/host";
import { makeProvider } from "../../provider/index";
import { pluginProvider } from "../../provider/plugin/plugin-provider";
import { gatewayOffNetwork, networkOf } from "../../provider/resources/route/gateway-check";

/** A machine with no namespace at all: the guard rails' reads answer empty, a namespace's listing fails. */
const bare: HostResolver = () => ({
    description: "a bare machine",
    run: async (argv) =>
        argv.includes("-n")
            ? { argv, exitCode: 1, stdout: "", stderr: 'Cannot open network namespace "x": No such file or directory' }
            : { argv, exitCode: 0, stdout: argv[0] === "ip" ? "[]" : "", stderr: "" },
});

const route = { namespace: "lab1", destination: "default", via: "10.99.1.1" };

test("networks are named by their prefix", () => {
    expect(networkOf("10.99.0.10/24")).toBe("10.99.0.0/24");
    expect(networkOf("192.168.1.130/25")).toBe("192.168.1.128/25");
    expect(networkOf("fd00:1:2::10/64")).toBe("fd00:1:2::/64");
});

test("a gateway on one of the networks passes; on none, the networks are named; nothing known, nothing judged", () => {
    const given = [{ cidr: "10.99.0.10/24", by: 'VethPair "v0"' }];
    expect(gatewayOffNetwork({ ...route, via: "10.99.0.1" } as never, given)).toBeUndefined();
    expect(gatewayOffNetwork(route as never, given)?.reason).toMatch(
        /^the gateway 10\.99\.1\.1 lies on no network namespace lab1 has: it has 10\.99\.0\.0\/24 \(VethPair "v0"\)/,
    );
    expect(gatewayOffNetwork(route as never, [])).toBeUndefined();
    expect(gatewayOffNetwork({ ...route, device: "eth0" } as never, given)).toBeUndefined();
});

type Failures = { failures?: { property: string; reason: string }[] };
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::netns:index:${type}::${name}`;
const viaPlugin = pluginProvider("1.2.3", () => ({}), bare);
const doors: [string, (type: string, name: string, news: Record<string, unknown>) => Promise<Failures>][] = [
    ["the plugin", (type, name, news) => viaPlugin.check!(urn(type, name), {}, news)],
    ["the dynamic provider", (type, _name, news) => makeProvider(type as never, bare).check!({}, { ...news, ownerTag: "0123456789ab" })],
];

test.each(doors)("through %s: a Route whose gateway lies off the namespace's network fails check, naming the network", async (_door, check) => {
    const veth = { hostName: "v0", peerName: "c0", namespace: "lab1", addresses: ["10.99.0.10/24"] };
    expect((await check("VethPair", "v0", veth)).failures ?? []).toEqual([]);
    const refused = await check("Route", "r", route);
    expect(refused.failures).toEqual([{ property: "via", reason: expect.stringContaining('it has 10.99.0.0/24 (VethPair "v0")') }]);
    expect((await check("Route", "r", { ...route, via: "10.99.0.1" })).failures ?? []).toEqual([]);
});

test("an over-long interface name says its length and the limit", async () => {
    const result = await viaPlugin.check!(urn("VethPair", "v"), {}, { hostName: "a-name-longer-than-15", peerName: "c0", namespace: "ns1" });
    expect(result.failures).toEqual(
        expect.arrayContaining([{ property: "hostName", reason: "must be at most 15 characters (the kernel's interface name limit); it has 21" }]),
    );
});
