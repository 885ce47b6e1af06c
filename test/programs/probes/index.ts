// Probes of the seed topology (made by another stack on the same machine), copied from the README:
// ns1 to ns2, ns1 to "the internet" through NAT, and an outside client to the forwarded port.
// `pulumi config set only <name>` keeps one; `quick true` makes a failure fail fast.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const config = new pulumi.Config();
const only = config.get("only");
const quick = config.getBoolean("quick") ? { attempts: 1, timeoutSeconds: 2 } : {};

const probes: Record<string, netns.ProbeArgs> = {
    "ns1-to-ns2": { from: "ns1", to: "192.168.1.11" },
    "ns1-to-wan": { from: "ns1", to: "203.0.113.1" },
    "client-to-web": { from: "client", to: "198.51.100.1", kind: "http", port: 5000 },
};

for (const [name, args] of Object.entries(probes)) {
    if (!only || only === name) {
        new netns.Probe(name, { ...args, ...quick });
    }
}
