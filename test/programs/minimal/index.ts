// One resource kind at a time, as a user copies it from its README section: required arguments
// only, no dependsOn. `pulumi config set kind Route` picks the kind.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const kind = new pulumi.Config().require("kind");

switch (kind) {
    case "Namespace":
        new netns.Namespace("ns1");
        break;
    case "Bridge":
        new netns.Bridge("br0");
        break;
    case "VethPair": {
        const ns1 = new netns.Namespace("ns1");
        new netns.VethPair("ns1-link", { hostName: "veth0", peerName: "ceth0", namespace: ns1.name });
        break;
    }
    case "Route":
        // In the host's own table, through the uplink the host already has.
        new netns.Route("lab", { destination: "10.99.0.0/16", via: "198.51.100.2" });
        break;
    case "SysctlForward":
        new netns.SysctlForward("forward");
        break;
    case "MasqueradeRule":
        new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24" });
        break;
    case "PortForward":
        new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" });
        break;
    default:
        throw new Error(`unknown kind ${kind}`);
}
