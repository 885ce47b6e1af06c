// Programs a newcomer writes by copying one README section, no dependsOn, on a machine that already
// has an uplink, a bridge of someone else's, a listener and DNAT rules; picked by config `case`.
// Optional config `connection` runs the same on a remote machine, `allow` sets every opt-in.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const connection = config.getSecretObject<netns.Connection>("connection");
const allow = config.getBoolean("allow") ?? false;
const port = config.getNumber("port") ?? 8081;

const cases: Record<string, () => void> = {
    // The README's Network section with the uplink's subnet.
    "network-on-uplink": () => {
        const lab = new netns.Network("lab", { connection, subnet: config.get("subnet") ?? "198.51.100.0/24", allowOverlap: allow });
        const web = lab.attach("ns1");
        lab.publish("http", { member: web, port: 5000 });
    },
    // The lab subnets people use: they still work unchanged.
    lab: () => {
        const lab = new netns.Network("lab", { connection, bridgeName: "br0", subnet: "192.168.1.0/24" });
        const web = lab.attach("ns1");
        lab.attach("ns2");
        lab.publish("http", { member: web, port: 5000 });
        const other = new netns.Network("lab2", { connection, subnet: "10.77.0.0/24" });
        other.attach("ns3");
    },
    // The README's overlay on this machine alone, its subnet on the uplink's network.
    "overlay-on-uplink": () => {
        new netns.Overlay("ov", { vni: 42, subnet: "198.51.100.0/24", hosts: { here: { connection, underlayAddress: "198.51.100.1" } }, allowOverlap: allow });
    },
    "veth-on-uplink": () => {
        const ns = new netns.Namespace("ns1", { connection });
        new netns.VethPair("ns1-link", {
            connection,
            hostName: "veth0",
            peerName: "ceth0",
            namespace: ns.name,
            addresses: ["198.51.100.7/24"],
            allowOverlap: allow,
        });
    },
    "route-over-uplink": () => {
        new netns.Route("r", { connection, destination: "198.51.100.0/25", via: "192.168.1.10", allowOverlap: allow });
    },
    // A forward of a port someone listens on, forwards already, or (remote) the SSH port.
    forward: () => {
        new netns.PortForward("fwd", { connection, hostPort: port, targetAddress: "192.168.1.10", allowPortInUse: allow });
    },
};

cases[config.require("case")]();
