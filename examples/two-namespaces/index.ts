// The classic recipe as one program: two namespaces on a bridge, each with a veth, an address
// and a default route; forwarding on; NAT for the subnet going out; port 5000 forwarded in.
// `pulumi config set --path 'namespaces[0]' red` (and [1] green) gives the second seed's naming.
// It builds on this machine, on the machine given by the `connection` config (SSH), or on the one
// another stack exports (`hostStack`, e.g. a stack that made an EC2 instance).
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const names = config.getObject<string[]>("namespaces") ?? ["ns1", "ns2"];
const bridgeName = config.get("bridgeName") ?? "br0";
const subnet = config.get("subnet") ?? "192.168.1.0/24";
const hostPort = config.getNumber("hostPort") ?? 5000;
const targetPort = config.getNumber("targetPort") ?? 5000;
const acceptForward = config.getBoolean("acceptForward"); // true on hosts whose FORWARD policy is DROP

// Where: another stack's `connection` and `privateAddress` outputs, the `connection` config, or here.
const hostStack = config.get("hostStack");
const host = hostStack ? new pulumi.StackReference(hostStack) : undefined;
const connection = host
    ? host.requireOutput("connection") as pulumi.Output<netns.Connection>
    : config.getSecretObject<netns.Connection>("connection");
// Match one of the host's addresses only; absent = any.
const hostAddress = host ? host.requireOutput("privateAddress") as pulumi.Output<string> : config.get("hostAddress");

// 192.168.1.0/24 -> gateway .1/24 on the bridge, namespaces from .10 up.
const [network, prefix] = subnet.split("/");
const base = network.split(".").map(Number);
const addressAt = (n: number) => [...base.slice(0, 3), base[3] + n].join(".");
const gateway = addressAt(1);

const bridge = new netns.Bridge(bridgeName, { connection, addresses: [`${gateway}/${prefix}`] });

const members = names.map((name, i) => {
    const ns = new netns.Namespace(name, { connection });
    const address = addressAt(10 + i);
    // Two names per link that fit in 15 characters: veth0/ceth0 for ns1, veth_red/ceth_red for red.
    const suffix = /^ns\d+$/.test(name) ? String(i) : `_${name}`;
    const link = new netns.VethPair(`${name}-link`, {
        hostName: `veth${suffix}`, peerName: `ceth${suffix}`,
        connection, namespace: ns.name, bridge: bridge.name, addresses: [`${address}/${prefix}`],
    });
    new netns.Route(`${name}-default`, { connection, namespace: ns.name, destination: "default", via: gateway }, { dependsOn: [link] });
    return { name: ns.name, address, link };
});

new netns.SysctlForward("forward", { connection });
new netns.MasqueradeRule("nat", { connection, sourceCidr: subnet, excludeOutInterface: bridge.name, acceptForward });
const forward = new netns.PortForward("http", {
    connection, hostPort, targetAddress: members[0].address, targetPort, hostAddress, acceptForward,
}, { dependsOn: [members[0].link] });

export const bridgeAddress = gateway;
export const namespaces = members.map((m) => m.name);
export const addresses = Object.fromEntries(names.map((n, i) => [n, members[i].address]));
export const forwarded = { hostPort, target: `${members[0].address}:${targetPort}`, rule: forward.ruleSpec };
