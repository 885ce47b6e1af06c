// What a machine's network looks like, as `getHostNetwork` returns it and `pulumi-netns graph
// --live` draws it: links with their addresses, routes, the default uplink, namespaces and the
// forwarding switches. Pure: built from the listings the reader collects.
import { configuredAddresses, type LinkListing, type RouteEntry } from "../linux/ip-json";
import { OWNER_PREFIX, ROUTE_PROTOCOL } from "../linux/owner-marks";

export interface HostLink {
    name: string;
    /** The kernel's ifindex, in its namespace. */
    index: number;
    /** A veth's other end, when it is in another namespace: its ifindex there. */
    peerIndex?: number;
    /** "bridge", "veth", "vxlan", ...; absent for plain devices (lo, a NIC). */
    kind?: string;
    /** Administratively up. */
    up: boolean;
    mtu: number;
    macAddress?: string;
    /** The bridge it is enslaved to. */
    master?: string;
    /** Global addresses, e.g. "192.168.1.1/24". */
    addresses: string[];
    /** Made by pulumi-netns (carries its owner mark). */
    owned: boolean;
}

export interface HostRoute {
    family: 4 | 6;
    /** "default" or a CIDR. */
    destination: string;
    via?: string;
    device?: string;
    metric: number;
    owned: boolean;
}

export interface NamespaceNetwork {
    name: string;
    links: HostLink[];
    routes: HostRoute[];
    /** Made by pulumi-netns (its loopback carries the owner mark). */
    owned: boolean;
}

export interface HostNetwork {
    /** "this machine" or the SSH endpoint. */
    machine: string;
    links: HostLink[];
    routes: HostRoute[];
    /** The device of the IPv4 default route with the lowest metric: the usual `outInterface`. */
    uplink?: string;
    /** The same for IPv6. */
    uplink6?: string;
    namespaces: NamespaceNetwork[];
    forwarding: { ipv4: boolean; ipv6: boolean };
    /** The FORWARD chain's policy ("ACCEPT", "DROP"), per family; absent where it could not be read. */
    forwardPolicy: { ipv4?: string; ipv6?: string };
}

export function hostLinks(listings: readonly LinkListing[]): HostLink[] {
    return listings.map(({ link, addresses }) => ({
        name: link.name,
        index: link.index,
        ...(link.peerIndex !== undefined ? { peerIndex: link.peerIndex } : {}),
        ...(link.kind ? { kind: link.kind } : {}),
        up: link.up,
        mtu: link.mtu,
        ...(link.macAddress ? { macAddress: link.macAddress } : {}),
        ...(link.master ? { master: link.master } : {}),
        addresses: configuredAddresses([...addresses]),
        owned: link.alias?.startsWith(OWNER_PREFIX) ?? false,
    }));
}

export function hostRoutes(family: 4 | 6, entries: readonly RouteEntry[]): HostRoute[] {
    return entries.map((r) => ({
        family,
        destination: r.destination,
        ...(r.via ? { via: r.via } : {}),
        ...(r.device ? { device: r.device } : {}),
        metric: r.metric,
        owned: r.protocol === String(ROUTE_PROTOCOL),
    }));
}

/** The device of the default route with the lowest metric, if any. */
export function uplinkOf(routes: readonly HostRoute[], family: 4 | 6): string | undefined {
    return routes.filter((r) => r.family === family && r.destination === "default" && r.device).sort((a, b) => a.metric - b.metric)[0]?.device;
}

export function namespaceNetwork(name: string, links: HostLink[], routes: HostRoute[]): NamespaceNetwork {
    return { name, links, routes, owned: links.find((l) => l.name === "lo")?.owned ?? false };
}
