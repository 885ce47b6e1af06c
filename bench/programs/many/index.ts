// `count` namespaces on one bridge, each with a veth (its address) and a default route: 3N+1
// resources (plus the stack's identity). The benchmark runs it against pulumi-netns and the floor.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const count = new pulumi.Config().requireNumber("count");
const bridge = new netns.Bridge("br0", { addresses: ["10.60.0.1/16"] });

for (let i = 0; i < count; i++) {
    const ns = new netns.Namespace(`n${i}`);
    const link = new netns.VethPair(`n${i}-link`, {
        hostName: `vn${i}`,
        peerName: "eth0",
        namespace: ns.name,
        bridge: bridge.name,
        addresses: [`10.60.${1 + Math.floor(i / 250)}.${1 + (i % 250)}/16`],
    });
    new netns.Route(`n${i}-default`, { namespace: ns.name, destination: "default", via: "10.60.0.1" }, { dependsOn: [link] });
}
