// Reads a machine's network from its snapshot (listings only, nothing changed). Used at program
// time by getHostNetwork and by `pulumi-netns graph --live`.
import type { Host } from "../host/host";
import { parsePolicy } from "../linux/iptables-listing";
import { IPV4_FORWARD, IPV6_FORWARD } from "../linux/sysctl-argv";
import { type HostNetwork, type HostRoute, hostLinks, hostRoutes, namespaceNetwork, uplinkOf } from "./host-network";
import { type Snapshot, snapshotOf } from "./snapshot";

async function readNamespace(snapshot: Snapshot, namespace?: string) {
    const [links, v4, v6] = await Promise.all([snapshot.links(namespace), snapshot.routes(4, namespace), snapshot.routes(6, namespace)]);
    const routes: HostRoute[] = [...hostRoutes(4, v4), ...hostRoutes(6, v6)];
    return { links: hostLinks(links), routes };
}

export async function readHostNetwork(host: Host): Promise<HostNetwork> {
    const snapshot = snapshotOf(host);
    const [own, names, forward4, forward6, policy4, policy6] = await Promise.all([
        readNamespace(snapshot),
        snapshot.namespaces(),
        snapshot.sysctl(IPV4_FORWARD),
        snapshot.sysctl(IPV6_FORWARD),
        snapshot.filterChain(4, "FORWARD"),
        snapshot.filterChain(6, "FORWARD"),
    ]);
    const namespaces = await Promise.all(
        [...names].sort().map(async (name) => {
            const { links, routes } = await readNamespace(snapshot, name);
            return namespaceNetwork(name, links, routes);
        }),
    );
    return {
        machine: host.description,
        links: own.links,
        routes: own.routes,
        ...(uplinkOf(own.routes, 4) ? { uplink: uplinkOf(own.routes, 4) } : {}),
        ...(uplinkOf(own.routes, 6) ? { uplink6: uplinkOf(own.routes, 6) } : {}),
        namespaces,
        forwarding: { ipv4: forward4?.trim() === "1", ipv6: forward6?.trim() === "1" },
        forwardPolicy: {
            ...(policy4 && parsePolicy(policy4) ? { ipv4: parsePolicy(policy4) } : {}),
            ...(policy6 && parsePolicy(policy6) ? { ipv6: parsePolicy(policy6) } : {}),
        },
    };
}
