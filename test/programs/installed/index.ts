// A program as a user writes it against the installed package: every kind with only its required
// arguments, and every output its README section documents read back. An output the resource did
// not register would be `undefined` here and fail the `up` (its `.apply` is not a function).
import type * as pulumi from "@pulumi/pulumi";
import * as netns from "pulumi-netns";

/** An output's value, with "absent" for a field the resource holds no value for. */
const read = <T>(output: pulumi.Output<T>) => output.apply((value) => (value === undefined ? "absent" : value));

const ns1 = new netns.Namespace("ns1");
const br0 = new netns.Bridge("br0");
const veth = new netns.VethPair("ns1-link", { hostName: "veth0", peerName: "ceth0", namespace: ns1.name });
const route = new netns.Route("lab", { destination: "10.99.0.0/16", via: "198.51.100.2" });
const forward = new netns.SysctlForward("forward");
const nat = new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24" });
const http = new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" });
const probe = new netns.Probe("to-wan", { from: "host", to: "198.51.100.2" });
const dns = new netns.ResolvConf("ns1-dns", { namespace: ns1.name, nameservers: ["198.51.100.53"] });
const vx = new netns.VxlanTunnel("vx42", { name: "vx42", vni: 42, localAddress: "198.51.100.1" });
const lab = new netns.Network("lab", { subnet: "10.77.0.0/24" });
const member = lab.attach("web");

export const namespace = { name: read(ns1.name), loopbackUp: read(ns1.loopbackUp) };
export const bridge = { name: read(br0.name), addresses: read(br0.addresses), mtu: read(br0.mtu), macAddress: read(br0.macAddress) };
export const vethPair = {
    hostName: read(veth.hostName),
    peerName: read(veth.peerName),
    namespace: read(veth.namespace),
    bridge: read(veth.bridge),
    addresses: read(veth.addresses),
    mtu: read(veth.mtu),
};
export const routeOut = {
    destination: read(route.destination),
    namespace: read(route.namespace),
    via: read(route.via),
    device: read(route.device),
    metric: read(route.metric),
    installed: read(route.installed),
};
export const sysctlForward = {
    ipv4: read(forward.ipv4),
    ipv6: read(forward.ipv6),
    previousIpv4: read(forward.previousIpv4),
    previousIpv6: read(forward.previousIpv6),
};
export const masqueradeRule = { sourceCidr: read(nat.sourceCidr), ruleSpec: read(nat.ruleSpec), rules: read(nat.rules) };
export const portForward = {
    hostPort: read(http.hostPort),
    targetAddress: read(http.targetAddress),
    protocol: read(http.protocol),
    hostAddress: read(http.hostAddress),
    targetPort: read(http.targetPort),
    inInterface: read(http.inInterface),
    ruleSpec: read(http.ruleSpec),
    rules: read(http.rules),
};
export const probeOut = { from: read(probe.from), to: read(probe.to), kind: read(probe.kind), expect: read(probe.expect), result: read(probe.result) };
export const resolvConf = { namespace: read(dns.namespace), nameservers: read(dns.nameservers), search: read(dns.search) };
export const vxlanTunnel = {
    name: read(vx.name),
    vni: read(vx.vni),
    localAddress: read(vx.localAddress),
    remotes: read(vx.remotes),
    dstPort: read(vx.dstPort),
    bridge: read(vx.bridge),
    mtu: read(vx.mtu),
};
export const network = { addresses: read(lab.addresses), memberIpv4: read(member.ipv4), memberIpv6: read(member.ipv6) };
