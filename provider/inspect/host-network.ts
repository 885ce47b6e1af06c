// What a machine's network looks like, as `getHostNetwork` returns it and `pulumi-netns graph
// --live` draws it: links with their addresses, routes, the default uplink, namespaces and the
// forwarding switches. Pure: built from the listings the reader collects.

import type { HostLink, HostNetwork, HostRoute, NamespaceNetwork } from "../../shared/host-network";
import { configuredAddresses, type LinkListing, type RouteEntry } from "../linux/ip-json";
import { OWNER_PREFIX, ROUTE_PROTOCOL } from "../linux/owner-marks";

export type { HostLink, HostNetwork, HostRoute, NamespaceNetwork };

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
