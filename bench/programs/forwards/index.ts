// `count` port forwards (each a DNAT for clients, one for the host itself and a hairpin masquerade)
// to addresses on one bridge, and the bridge's masquerade: N+2 resources (plus the stack's
// identity). The benchmark runs it with each firewall backend (PULUMI_NETNS_FIREWALL).
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const count = new pulumi.Config().requireNumber("count");
const bridge = new netns.Bridge("br0", { addresses: ["10.60.0.1/16"] });
new netns.MasqueradeRule("nat", { sourceCidr: "10.60.0.0/16", excludeOutInterface: bridge.name });

for (let i = 0; i < count; i++) {
    const target = `10.60.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
    new netns.PortForward(`f${i}`, { hostPort: 20000 + i, targetAddress: target }, { dependsOn: [bridge] });
}
