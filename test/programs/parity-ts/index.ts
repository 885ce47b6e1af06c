// The seeds plus a Service whose environment holds a secret, through the TypeScript SDK; the same
// program as test/programs/parity-yaml, resource for resource.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const br0 = new netns.Bridge("br0", { addresses: ["192.168.1.1/24"] });
const ns1 = new netns.Namespace("ns1");
const ns2 = new netns.Namespace("ns2");
const link1 = new netns.VethPair("ns1-link", { hostName: "veth0", peerName: "ceth0", namespace: ns1.name, bridge: br0.name, addresses: ["192.168.1.10/24"] });
const link2 = new netns.VethPair("ns2-link", { hostName: "veth1", peerName: "ceth1", namespace: ns2.name, bridge: br0.name, addresses: ["192.168.1.11/24"] });
new netns.Route("ns1-default", { namespace: ns1.name, destination: "default", via: "192.168.1.1" }, { dependsOn: [link1] });
new netns.Route("ns2-default", { namespace: ns2.name, destination: "default", via: "192.168.1.1" }, { dependsOn: [link2] });
new netns.SysctlForward("forward");
new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
const http = new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10", targetPort: 5000 }, { dependsOn: [link1] });
const web = new netns.Service("web", {
    namespace: ns1.name,
    command: ["sleep", "infinity"],
    environment: { API_TOKEN: pulumi.secret("parity-secret-5d2b"), MODE: config.get("mode") ?? "parity-plain-7c1a" },
});

export const namespaces = [ns1.name, ns2.name];
export const rule = http.ruleSpec;
export const unit = web.unit;
