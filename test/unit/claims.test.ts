// Cross-resource checks in the provider core, made at check (so at preview) in both doors: two
// PortForwards of one host port, protocol and family on one machine are refused, naming both.
import type { HostResolver } from "../../provider/host/host";
import { makeProvider } from "../../provider/index";
import { pluginProvider } from "../../provider/plugin/plugin-provider";

/** A machine with nothing on it: the guard rails' reads answer empty. */
const empty: HostResolver = () => ({
    description: "an empty machine",
    run: async (argv) => ({ argv, exitCode: 0, stdout: argv[0] === "ip" ? "[]" : "", stderr: "" }),
});

type Failures = { failures?: { property: string; reason: string }[] };

test("through the plugin: the second forward of a port fails check naming both resources; another port, protocol, family or address passes", async () => {
    const p = pluginProvider("1.2.3", () => ({}), empty);
    const check = (name: string, news: Record<string, unknown>) =>
        p.check!(`urn:pulumi:dev::claims::netns:index:PortForward::${name}`, {}, news) as Promise<Failures>;
    expect((await check("web-a", { hostPort: 8080, targetAddress: "192.168.1.10" })).failures ?? []).toEqual([]);
    // The same resource checked again is not a clash with itself.
    expect((await check("web-a", { hostPort: 8080, targetAddress: "192.168.1.10" })).failures ?? []).toEqual([]);
    expect((await check("web-b", { hostPort: 8080, targetAddress: "192.168.1.11" })).failures).toEqual([
        {
            property: "hostPort",
            reason:
                'PortForward "web-b" forwards tcp port 8080 (any address), as PortForward "web-a" does (any address): ' +
                "only the first matching rule would ever see a connection; give one of them another hostPort",
        },
    ]);
    expect((await check("web-c", { hostPort: 8081, targetAddress: "192.168.1.11" })).failures ?? []).toEqual([]);
    expect((await check("web-d", { hostPort: 8080, protocol: "udp", targetAddress: "192.168.1.11" })).failures ?? []).toEqual([]);
    expect((await check("web-e", { hostPort: 8080, targetAddress: "fd00::11" })).failures ?? []).toEqual([]);
    expect((await check("dns-a", { hostPort: 53, hostAddress: "10.0.0.1", targetAddress: "192.168.1.10" })).failures ?? []).toEqual([]);
    expect((await check("dns-b", { hostPort: 53, hostAddress: "10.0.0.2", targetAddress: "192.168.1.10" })).failures ?? []).toEqual([]);
    expect((await check("dns-c", { hostPort: 53, targetAddress: "192.168.1.10" })).failures?.[0].reason).toMatch(/as PortForward "dns-a" does \(10\.0\.0\.1\)/);
});

test("through the dynamic provider, which has no resource name to give, the program makes the check (sdk/sanity.ts) and check leaves it", async () => {
    const p = makeProvider("PortForward", empty);
    const check = (tag: string, news: Record<string, unknown>) => p.check!({}, { ...news, ownerTag: tag }) as Promise<Failures>;
    expect((await check("00000000000a", { hostPort: 9090, targetAddress: "192.168.1.10" })).failures ?? []).toEqual([]);
    expect((await check("00000000000b", { hostPort: 9090, targetAddress: "192.168.1.11" })).failures ?? []).toEqual([]);
});
