// A machine's topology as it is now: its namespaces, bridges and veths (matched end to end by
// ifindex), routes and NAT, whoever made them; pulumi-netns's own are marked `owned`.
import type { Host } from "../host/host";
import type { HostNetwork } from "../inspect/host-network";
import { readHostNetwork } from "../inspect/read-host-network";
import { snapshotOf } from "../inspect/snapshot";
import { natOf } from "./nat-rules";
import { emptyMachine, type MachineView, type Topology } from "./topology";

export function machineFromNetwork(network: HostNetwork, nat: string): MachineView {
    const m = emptyMachine(network.machine);
    for (const link of network.links.filter((l) => l.kind === "bridge")) {
        m.bridges.push({ name: link.name, addresses: link.addresses, owned: link.owned });
    }
    for (const ns of network.namespaces) {
        m.namespaces.push({ name: ns.name, addresses: ns.links.flatMap((l) => l.addresses), owned: ns.owned });
        for (const peer of ns.links.filter((l) => l.kind === "veth" && l.peerIndex !== undefined)) {
            const hostEnd = network.links.find((l) => l.index === peer.peerIndex && l.kind === "veth");
            if (hostEnd) {
                m.links.push({ hostEnd: hostEnd.name, peer: peer.name, namespace: ns.name, bridge: hostEnd.master, owned: hostEnd.owned && peer.owned });
            }
        }
        // Kernel routes of a link's own subnet say nothing: the ones someone added are drawn.
        for (const r of ns.routes.filter((r) => r.via || r.owned)) {
            m.routes.push({ namespace: ns.name, destination: r.destination, via: r.via, device: r.device, owned: r.owned });
        }
    }
    for (const r of network.routes.filter((r) => r.owned)) {
        m.routes.push({ destination: r.destination, via: r.via, device: r.device, owned: true });
    }
    const { masquerades, forwards } = natOf(nat);
    m.masquerades.push(...masquerades);
    m.forwards.push(...forwards);
    return m;
}

export async function topologyFromLive(host: Host): Promise<Topology> {
    const snapshot = snapshotOf(host);
    const [network, nat4, nat6] = await Promise.all([readHostNetwork(host), snapshot.nat(4), snapshot.nat(6)]);
    const nat = [nat4 ?? "", nat6 ?? ""].join("\n");
    return { machines: [machineFromNetwork(network, nat)] };
}
