// readHostNetwork (getHostNetwork's reader) against the real kernel of a sandbox.
import { readHostNetwork } from "../../provider/inspect/read-host-network";
import { Sandbox } from "../../sandbox/sandbox";
import { buildWorld } from "../../sandbox/world";

let sandbox: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    await buildWorld(sandbox); // uplink0 with a default route, and the world's namespaces
    await sandbox.sh("ip", "link", "add", "hbr", "type", "bridge");
    await sandbox.sh("ip", "link", "set", "hbr", "alias", "pulumi-netns:0123456789ab", "up");
    await sandbox.sh("ip", "addr", "add", "10.9.0.1/24", "dev", "hbr");
    await sandbox.sh("ip", "netns", "add", "hns");
    await sandbox.sh("ip", "-n", "hns", "link", "set", "lo", "alias", "pulumi-netns:ba9876543210", "up");
    await sandbox.sh("ip", "-n", "hns", "route", "add", "blackhole", "10.66.0.0/16", "proto", "245");
});
afterAll(() => sandbox?.stop());

test("links with addresses and owners, routes, the uplink, namespaces and forwarding", async () => {
    const network = await readHostNetwork(sandbox.host);
    expect(network.machine).toBe("this machine");
    expect(network.uplink).toBe("uplink0");
    expect(network.uplink6).toBe("uplink0");
    expect(network.links).toContainEqual(expect.objectContaining({ name: "hbr", kind: "bridge", up: true, addresses: ["10.9.0.1/24"], owned: true }));
    expect(network.links).toContainEqual(
        expect.objectContaining({ name: "uplink0", kind: "veth", addresses: ["198.51.100.1/24", "2001:db8:1::1/64"], owned: false }),
    );
    expect(network.routes).toContainEqual({ family: 4, destination: "default", via: "198.51.100.2", device: "uplink0", metric: 0, owned: false });
    expect(network.namespaces.map((n) => n.name)).toEqual(["client", "hns", "outside", "wan"]);
    const hns = network.namespaces.find((n) => n.name === "hns")!;
    expect(hns.owned).toBe(true);
    expect(hns.routes).toContainEqual(expect.objectContaining({ destination: "10.66.0.0/16", owned: true }));
    expect(network.forwarding).toEqual({ ipv4: false, ipv6: false });
    expect(network.forwardPolicy).toEqual({ ipv4: "ACCEPT", ipv6: "ACCEPT" });
});
