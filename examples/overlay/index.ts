// One subnet, 10.42.0.0/16, over the machines the config names, joined by VXLAN (VNI 42):
//   hosts               their short names, e.g. [a, b, c]
//   underlay.<name>     each one's address on the network the machines share
//   connections.<name>  how to reach each one over SSH (secret: host, user, privateKey, hostKey, sudo)
//   members.<name>      namespaces to put on that machine, e.g. members.b: [web]
// A machine added to `hosts` joins the mesh without replacing anything on the others.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const names = config.requireObject<string[]>("hosts");
const underlay = config.requireObject<Record<string, string>>("underlay");
const connections = config.requireSecretObject<Record<string, netns.Connection>>("connections");
const members = config.getObject<Record<string, string[]>>("members") ?? {};

const lab = new netns.Overlay("lab", {
    vni: 42,
    subnet: "10.42.0.0/16",
    hosts: Object.fromEntries(names.map((name) => [name, { connection: connections.apply((c) => c[name]), underlayAddress: underlay[name] }])),
});

export const addresses = lab.addresses;
for (const host of names) {
    for (const ns of members[host] ?? []) {
        lab.attach(host, ns);
    }
}
