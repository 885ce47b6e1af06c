// Version 1 -> 2: a bridge address changes and a veth moves to another bridge (two updates).
// Version 2 -> 3: a namespace is renamed and a port forward's port changes (two replaces).
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const step = new pulumi.Config().requireNumber("step");

const br0 = new netns.Bridge("br0", { addresses: [step === 1 ? "10.10.0.1/24" : "10.10.0.2/24"] });
const br1 = new netns.Bridge("br1");
new netns.Namespace("apps", { name: step < 3 ? "nsa" : "nsb" });
const nsv = new netns.Namespace("nsv");
const link = new netns.VethPair("link", {
    hostName: "vx0",
    peerName: "cx0",
    namespace: nsv.name,
    bridge: step === 1 ? br0.name : br1.name,
    addresses: ["10.10.0.10/24"],
});
new netns.PortForward("web", { hostPort: step < 3 ? 5000 : 5001, targetAddress: "10.10.0.10" }, { dependsOn: [link] });
