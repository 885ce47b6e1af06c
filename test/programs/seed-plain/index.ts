// The seeds' topology as a newcomer writes it from the README's resource sections: literal names
// and addresses, only the arguments each section shows, and no dependsOn anywhere.
import * as netns from "pulumi-netns";

const br0 = new netns.Bridge("br0", { addresses: ["192.168.1.1/24"] });
const ns1 = new netns.Namespace("ns1");
const ns2 = new netns.Namespace("ns2");
new netns.VethPair("ns1-link", {
    hostName: "veth0",
    peerName: "ceth0",
    namespace: ns1.name,
    bridge: br0.name,
    addresses: ["192.168.1.10/24"],
});
new netns.VethPair("ns2-link", {
    hostName: "veth1",
    peerName: "ceth1",
    namespace: ns2.name,
    bridge: br0.name,
    addresses: ["192.168.1.11/24"],
});
new netns.Route("ns1-default", { namespace: ns1.name, destination: "default", via: "192.168.1.1" });
new netns.Route("ns2-default", { namespace: ns2.name, destination: "default", via: "192.168.1.1" });
new netns.SysctlForward("forward");
new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" });
