import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
// Absent: this machine. Set, e.g. `pulumi config set --path connection.host 203.0.113.10` (and
// `--path --secret connection.privateKey < key`): that machine, over SSH.
const connection = config.getSecretObject<netns.Connection>("connection");

const br0 = new netns.Bridge("br0", {
    connection,
    addresses: [config.get("bridgeAddress") ?? "192.168.1.1/24"],
});
const ns1 = new netns.Namespace("ns1", { connection });

// Optional: NAT for the bridge's subnet (`pulumi config set withNat true`).
if (config.getBoolean("withNat")) {
    new netns.MasqueradeRule("nat", { connection, sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
}

export const bridge = br0.name;
export const bridgeAddresses = br0.addresses;
export const bridgeMac = br0.macAddress;
export const namespace = ns1.name;
