// Parsers of `ip -j` output into the few facts the providers compare. Unknown fields are ignored.
import { z } from "zod";

const linkJson = z.object({
    ifindex: z.number(),
    ifname: z.string(),
    flags: z.array(z.string()).default([]),
    mtu: z.number(),
    address: z.string().optional(),
    master: z.string().optional(),
    ifalias: z.string().optional(),
    link_index: z.number().optional(),
    link_netnsid: z.number().optional(),
    linkinfo: z
        .object({
            info_kind: z.string().optional(),
            info_data: z
                .object({ id: z.number().optional(), local: z.string().optional(), local6: z.string().optional(), port: z.number().optional() })
                .optional(),
        })
        .optional(),
});

export interface Link {
    /** The kernel's ifindex: the same object keeps it for its whole life. */
    index: number;
    name: string;
    /** "bridge", "veth", ...; undefined for plain devices such as lo or a NIC. */
    kind?: string;
    mtu: number;
    macAddress?: string;
    /** Administratively up (the UP flag), whatever the carrier. */
    up: boolean;
    master?: string;
    alias?: string;
    /** For a veth whose other end is in another namespace: that end's ifindex there. */
    peerIndex?: number;
    /** For a VXLAN link: its network identifier, local underlay address and UDP port. */
    vxlan?: { vni: number; local?: string; port: number };
}

export interface Address {
    family: "inet" | "inet6";
    /** "192.168.1.1/24" */
    cidr: string;
    scope: string;
}

/** ip prints nothing at all for some empty lists on older versions. */
function parseArray(stdout: string): unknown[] {
    const text = stdout.trim();
    return text === "" ? [] : z.array(z.unknown()).parse(JSON.parse(text));
}

function linkOf(raw: unknown): Link {
    const l = linkJson.parse(raw);
    return {
        index: l.ifindex,
        name: l.ifname,
        kind: l.linkinfo?.info_kind,
        mtu: l.mtu,
        macAddress: l.address,
        up: l.flags.includes("UP"),
        master: l.master,
        alias: l.ifalias,
        ...(l.link_netnsid !== undefined && l.link_index !== undefined ? { peerIndex: l.link_index } : {}),
        ...(l.linkinfo?.info_kind === "vxlan" && l.linkinfo.info_data?.id !== undefined
            ? {
                  vxlan: {
                      vni: l.linkinfo.info_data.id,
                      local: l.linkinfo.info_data.local ?? l.linkinfo.info_data.local6,
                      port: l.linkinfo.info_data.port ?? 0,
                  },
              }
            : {}),
    };
}

export function parseLinks(stdout: string): Link[] {
    return parseArray(stdout).map(linkOf);
}

const addrJson = z.object({
    addr_info: z
        .array(
            z.object({
                family: z.string(),
                local: z.string(),
                prefixlen: z.number(),
                scope: z.string(),
            }),
        )
        .default([]),
});

function addressesOf(raw: unknown): Address[] {
    return addrJson
        .parse(raw)
        .addr_info.filter((a) => a.family === "inet" || a.family === "inet6")
        .map((a) => ({ family: a.family as Address["family"], cidr: `${a.local}/${a.prefixlen}`, scope: a.scope }));
}

/** Addresses of the listed devices, IPv4 and IPv6, in kernel order. */
export function parseAddresses(stdout: string): Address[] {
    return parseArray(stdout).flatMap(addressesOf);
}

/** A link as `ip -j -d addr show` lists it: its details and its addresses together. */
export interface LinkListing {
    link: Link;
    addresses: Address[];
}

/** `ip -j -d addr show`: each link with its own addresses. */
export function parseLinkListings(stdout: string): LinkListing[] {
    return parseArray(stdout).map((raw) => ({ link: linkOf(raw), addresses: addressesOf(raw) }));
}

/** Addresses a user configured: global scope, so the kernel's own fe80:: link-local ones are left out. */
export function configuredAddresses(addresses: Address[]): string[] {
    return addresses.filter((a) => a.scope === "global").map((a) => a.cidr);
}

export function parseNetnsNames(stdout: string): string[] {
    return parseArray(stdout).map((raw) => z.object({ name: z.string() }).parse(raw).name);
}

export interface RouteEntry {
    destination: string;
    via?: string;
    device?: string;
    metric: number;
    protocol: string;
}

const routeJson = z.object({
    dst: z.string(),
    gateway: z.string().optional(),
    dev: z.string().optional(),
    metric: z.number().optional(),
    protocol: z.string().optional(),
});

export function parseRoutes(stdout: string): RouteEntry[] {
    return parseArray(stdout).map((raw) => {
        const r = routeJson.parse(raw);
        return { destination: r.dst, via: r.gateway, device: r.dev, metric: r.metric ?? 0, protocol: r.protocol ?? "" };
    });
}

/** How the host reaches an address: on a directly connected network, through a gateway, or not yet. */
export type Reach = { kind: "on-link"; network: string } | { kind: "routed" } | { kind: "unreachable" };

/**
 * Reads `ip route show match ADDRESS`. The most specific route wins; a default route alone means
 * no network of the host's holds the address (yet), since anything would match it.
 */
export function reachOf(routes: readonly RouteEntry[]): Reach {
    const specific = routes.filter((r) => r.destination !== "default").sort((a, b) => prefixLength(b.destination) - prefixLength(a.destination));
    const [best] = specific;
    if (!best) {
        return { kind: "unreachable" };
    }
    return best.via ? { kind: "routed" } : { kind: "on-link", network: best.destination };
}

const prefixLength = (cidr: string): number => Number(cidr.split("/")[1] ?? (cidr.includes(":") ? 128 : 32));
