// The seeds' whole topology with one Network: the bridge holds the gateway, each member gets a
// namespace, a veth, addresses from the pool (kept in state) and default routes; NAT goes out,
// port 5000 of the host is published to the first member, in IPv4 and IPv6.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const members = config.getObject<string[]>("members") ?? ["ns1", "ns2"];
// Optional: `pulumi config set --path 'fixed.ns2' 192.168.1.50` reserves an address.
const fixed = config.getObject<Record<string, string>>("fixed") ?? {};

const lab = new netns.Network("lab", {
    bridgeName: config.get("bridgeName") ?? "br0",
    subnet: config.get("subnet") ?? "192.168.1.0/24",
    subnet6: config.get("subnet6") ?? "fd00:1::/64",
    dns: config.getObject<string[]>("dns"),
    acceptForward: config.getBoolean("acceptForward"),
    connection: config.getSecretObject<netns.Connection>("connection"),
});
const [web, ...others] = members.map((name) => lab.attach(name, { address: fixed[name] }));
lab.publish("http", { member: web, port: 5000, hostAddress6: config.get("hostAddress6") });

export const addresses = lab.addresses;
export const published = { member: web.namespace, ipv4: web.ipv4, ipv6: web.ipv6 };
export const memberCount = others.length + 1;
