// Pure: which networks a machine already has (addresses on its links, routes it was given), and
// which of them a subnet or address of a resource would overlap. Docker refuses a pool that
// overlaps a network of the host the same way; an overlapping bridge address takes the host's own
// network (its uplink, and an SSH session with it).
import { isIPv4 } from "node:net";
import { ipBytes, isIp, sameLeadingBits } from "../../shared/ip";
import { printableLine } from "../host/limits";
import type { HostRoute } from "../inspect/host-network";

/** A network the machine has, and how a message names it. */
export interface MachineNetwork {
    /** "198.51.100.0/24". */
    network: string;
    /** "uplink (the machine's default route)", "route 10.0.0.0/8 via 192.0.2.1 dev eth1". */
    where: string;
    /** The link it is on, when it is a link's address or a route through one. */
    device?: string;
    /** The owner label of that link (pulumi-netns:<tag>), when pulumi-netns made it. */
    owner?: string;
}

/** A link of the machine's own namespace, as the guard reads it. */
export interface MachineLink {
    name: string;
    /** Global addresses with prefix, "198.51.100.2/24". */
    addresses: readonly string[];
    /** Its owner label (pulumi-netns:<tag>) when pulumi-netns made it. */
    owner?: string;
}

/** The machine as the guard reads it: its host namespace's links and routes. */
export interface MachineView {
    links: readonly MachineLink[];
    routes: readonly HostRoute[];
}

/** "10.0.0.5" (a route to one host) as "10.0.0.5/32"; a CIDR as it is. */
const withPrefix = (cidr: string): string => (cidr.includes("/") ? cidr : `${cidr}/${isIPv4(cidr) ? 32 : 128}`);

/** The network an address with prefix belongs to: "198.51.100.2/24" -> "198.51.100.0/24". */
export function networkOf(cidr: string): string {
    const [ip, prefixText] = withPrefix(cidr).split("/");
    const prefix = Number(prefixText);
    const bytes = ipBytes(ip).map((b, i) => {
        const kept = Math.max(0, Math.min(8, prefix - 8 * i));
        return b & ((0xff << (8 - kept)) & 0xff);
    });
    if (isIPv4(ip)) {
        return `${bytes.join(".")}/${prefix}`;
    }
    const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
    const text = new URL(`http://[${words.join(":")}]`).hostname.slice(1, -1);
    return `${text}/${prefix}`;
}

/** True when two networks (or addresses with prefix) share an address: one contains the other. */
export function overlaps(a: string, b: string): boolean {
    const [ipA, prefixA] = withPrefix(a).split("/");
    const [ipB, prefixB] = withPrefix(b).split("/");
    if (!isIp(ipA) || !isIp(ipB) || isIPv4(ipA) !== isIPv4(ipB)) {
        return false;
    }
    return sameLeadingBits(ipA, ipB, Math.min(Number(prefixA), Number(prefixB)));
}

/** The device of the default route with the lowest metric, per family. */
function uplinks(routes: readonly HostRoute[]): Set<string> {
    const found = new Set<string>();
    for (const family of [4, 6] as const) {
        const best = routes.filter((r) => r.family === family && r.destination === "default" && r.device).sort((a, b) => a.metric - b.metric)[0];
        if (best?.device) {
            found.add(best.device);
        }
    }
    return found;
}

/**
 * Every network the machine has: each global address of a link (its network), and each route it
 * was given other than the default and the kernel's own routes for those addresses. Routes made by
 * pulumi-netns (protocol 245) are left out: a Route resource answers for its own.
 */
export function machineNetworks(view: MachineView): MachineNetwork[] {
    const up = uplinks(view.routes);
    const owners = new Map(view.links.map((l) => [l.name, l.owner]));
    const named = (device: string) => `${device}${up.has(device) ? " (the machine's default route)" : ""}`;
    const fromLinks = view.links.flatMap((link) =>
        link.addresses.map((cidr) => ({
            network: networkOf(cidr),
            where: named(link.name),
            device: link.name,
            ...(owners.get(link.name) ? { owner: owners.get(link.name) } : {}),
        })),
    );
    const fromRoutes = view.routes
        .filter(
            (r) =>
                r.destination !== "default" &&
                !r.owned &&
                (r.via !== undefined || !view.links.some((l) => l.name === r.device && l.addresses.some((a) => networkOf(a) === withPrefix(r.destination)))),
        )
        .map((r) => ({
            network: withPrefix(r.destination),
            where: `route ${r.destination}${r.via ? ` via ${r.via}` : ""}${r.device ? ` dev ${r.device}` : ""}`,
            ...(r.device ? { device: r.device } : {}),
            ...(r.device && owners.get(r.device) ? { owner: owners.get(r.device) } : {}),
        }));
    return [...fromLinks, ...fromRoutes];
}

/** One overlap: the resource's value, its network, and the machine's network it overlaps. */
export interface Overlap {
    value: string;
    network: string;
    theirs: MachineNetwork;
}

/** Each of `values` (addresses with prefix, or networks) that overlaps one of `networks`, with the first it overlaps. */
export function findOverlaps(values: readonly string[], networks: readonly MachineNetwork[]): Overlap[] {
    return values.flatMap((value) => {
        const theirs = networks.find((n) => overlaps(value, n.network));
        return theirs ? [{ value, network: networkOf(value), theirs }] : [];
    });
}

/** "198.51.100.0/24 overlaps 198.51.100.0/24 on uplink (the machine's default route)". */
export function describeOverlap(o: Overlap): string {
    // The machine's words (link names, owner marks): made printable.
    const owner = o.theirs.owner ? `, made by ${printableLine(o.theirs.owner)}: another resource or stack` : "";
    const where = printableLine(o.theirs.where);
    const on = where.startsWith("route ") ? `the ${where}` : `${o.theirs.network} on ${where}`;
    return `${o.network} overlaps ${on}${owner}`;
}

/** The way out, said once per message. */
export const OVERLAP_WAY_OUT = "pick a subnet the machine does not use (a free 10.x.y.0/24, say), or set allowOverlap: true if you mean to share that network";

/** The check failure's reason: what overlaps what, where, why it matters and the way out. */
export function overlapReason(found: readonly Overlap[], where: string): string {
    const list = found.map((o) => (o.value === o.network ? describeOverlap(o) : `${o.value}: ${describeOverlap(o)}`)).join("; ");
    return `${list} on ${where}: two networks on one machine send its traffic the wrong way and can cut the machine off (and an SSH session with it); ${OVERLAP_WAY_OUT}`;
}
