// One resource with one bad input, picked by config `case`; `pulumi preview` must refuse it by name.
// The last cases are valid alone but conflict together: preview must fail (ports) or warn.
import * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

const cases: Record<string, () => void> = {
    "long-interface-name": () => new netns.Bridge("bad-bridge", { name: "sixteen-chars-xx" }),
    "invalid-cidr": () => new netns.MasqueradeRule("bad-nat", { sourceCidr: "192.168.1.0/33" }),
    "port-zero": () => new netns.PortForward("bad-port", { hostPort: 0, targetAddress: "192.168.1.10" }),
    "port-too-big": () => new netns.PortForward("bad-port", { hostPort: 70000, targetAddress: "192.168.1.10" }),
    "bad-address": () =>
        new netns.VethPair("bad-veth", {
            hostName: "veth9",
            peerName: "ceth9",
            namespace: "ns9",
            addresses: ["192.168.1.300/24"],
        }),
    "shell-in-name": () => new netns.Namespace("bad-ns", { name: "ns1;reboot" }),
    // Valid one by one, in conflict together: preview fails.
    "same-port-twice": () => {
        new netns.PortForward("web-a", { hostPort: 8080, targetAddress: "192.168.1.10" });
        new netns.PortForward("web-b", { hostPort: 8080, targetAddress: "192.168.1.11" });
    },
    // The namespace's network is 10.99.0.0/24; the gateway a typo away from it.
    "gateway-typo": () => {
        const lab = new netns.Namespace("lab");
        new netns.VethPair("lab-link", { hostName: "vlab", peerName: "clab", namespace: lab.name, addresses: ["10.99.0.10/24"] });
        new netns.Route("lab-default", { namespace: lab.name, destination: "default", via: "10.99.1.1" });
    },
    "same-address-on-bridge": () => {
        const br = new netns.Bridge("brx");
        for (const ns of ["nsa", "nsb"]) {
            new netns.VethPair(`${ns}-link`, {
                hostName: `v-${ns}`,
                peerName: `c-${ns}`,
                namespace: ns,
                bridge: br.name,
                addresses: ["10.7.0.5/24"],
            });
        }
    },
};

cases[new pulumi.Config().require("case")]();
