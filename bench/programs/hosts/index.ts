// The seed topology (two namespaces on br0, forwarding, NAT out, a port forward in) on every
// machine the config names, over SSH, from one stack: `hosts` and secret `connections.<name>`.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const names = config.requireObject<string[]>("hosts");
const connections = config.requireSecretObject<Record<string, netns.Connection>>("connections");

for (const host of names) {
    const connection = connections.apply((c) => c[host]);
    const at = (name: string) => `${host}-${name}`;
    const br0 = new netns.Bridge(at("br0"), { connection, name: "br0", addresses: ["192.168.1.1/24"] });
    for (const [i, ns] of ["ns1", "ns2"].entries()) {
        const namespace = new netns.Namespace(at(ns), { connection, name: ns });
        const link = new netns.VethPair(at(`${ns}-link`), {
            connection,
            hostName: `veth${i}`,
            peerName: `ceth${i}`,
            namespace: namespace.name,
            bridge: br0.name,
            addresses: [`192.168.1.${10 + i}/24`],
        });
        new netns.Route(at(`${ns}-default`), { connection, namespace: namespace.name, destination: "default", via: "192.168.1.1" }, { dependsOn: [link] });
    }
    new netns.SysctlForward(at("forward"), { connection });
    new netns.MasqueradeRule(at("nat"), { connection, sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
    new netns.PortForward(at("http"), { connection, hostPort: 5000, targetAddress: "192.168.1.10" });
}
