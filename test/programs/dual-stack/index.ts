// The seeds' topology in both families: IPv4 as the recipe has it, and IPv6 beside it on the same
// bridge and veths (ULA fd00:1::/64, the bridge holding ::1), with IPv6 forwarding, NAT66 out and
// a DNAT6 port forward in. No dependsOn anywhere, as a user would write it.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const hostAddress6 = new pulumi.Config().require("hostAddress6");

const br0 = new netns.Bridge("br0", { addresses: ["192.168.1.1/24", "fd00:1::1/64"] });
for (const [i, name] of ["ns1", "ns2"].entries()) {
    const ns = new netns.Namespace(name);
    new netns.VethPair(`${name}-link`, {
        hostName: `veth${i}`,
        peerName: `ceth${i}`,
        namespace: ns.name,
        bridge: br0.name,
        addresses: [`192.168.1.${10 + i}/24`, `fd00:1::${10 + i}/64`],
    });
    new netns.Route(`${name}-default`, { namespace: ns.name, destination: "default", via: "192.168.1.1" });
    new netns.Route(`${name}-default6`, { namespace: ns.name, destination: "default", via: "fd00:1::1" });
}
new netns.SysctlForward("forward", { ipv4: true, ipv6: true });
new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
new netns.MasqueradeRule("nat6", { sourceCidr: "fd00:1::/64", excludeOutInterface: br0.name });
new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" });
new netns.PortForward("http6", { hostPort: 5000, targetAddress: "fd00:1::10", hostAddress: hostAddress6 });
