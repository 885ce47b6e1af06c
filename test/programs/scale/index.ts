// `count` namespaces (default 50) with veths on one bridge, a default route each and a port
// forward each: concurrency and interruption are tested on it.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const count = new pulumi.Config().getNumber("count") ?? 50;
const bridge = new netns.Bridge("brs", { addresses: ["10.50.0.1/16"] });

for (let i = 0; i < count; i++) {
    const ns = new netns.Namespace(`s${i}`);
    const address = `10.50.1.${10 + i}`;
    const link = new netns.VethPair(`s${i}-link`, {
        hostName: `hs${i}`,
        peerName: `cs${i}`,
        namespace: ns.name,
        bridge: bridge.name,
        addresses: [`${address}/16`],
    });
    new netns.Route(`s${i}-default`, { namespace: ns.name, destination: "default", via: "10.50.0.1" }, { dependsOn: [link] });
    new netns.PortForward(`s${i}-web`, { hostPort: 20000 + i, targetAddress: address, targetPort: 80 }, { dependsOn: [link] });
}
