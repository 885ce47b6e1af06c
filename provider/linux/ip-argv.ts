// Pure builders of `ip` argv, one per kernel verb. Inputs are validated names; nothing is quoted
// because nothing ever passes through a shell.

/** `-n NS` when the object lives in a named namespace; empty for the host's own namespace. */
function inNs(namespace?: string): string[] {
    return namespace ? ["-n", namespace] : [];
}

/** Equivalent to: `ip -j netns list`. */
export const netnsList = (): string[] => ["ip", "-j", "netns", "list"];
/** Equivalent to: `ip netns add NAME`. */
export const netnsAdd = (name: string): string[] => ["ip", "netns", "add", name];
/** Equivalent to: `ip netns del NAME`. */
export const netnsDelete = (name: string): string[] => ["ip", "netns", "del", name];

/** Equivalent to: `ip [-n NS] -j -d link show dev NAME`. */
export const linkShow = (name: string, namespace?: string): string[] => ["ip", ...inNs(namespace), "-j", "-d", "link", "show", "dev", name];

/** Equivalent to: `ip link add name NAME [mtu MTU] type bridge`. */
export const bridgeAdd = (name: string, mtu?: number): string[] => ["ip", "link", "add", "name", name, ...(mtu ? ["mtu", String(mtu)] : []), "type", "bridge"];

/** `ip [-n NS] link set dev NAME ...`: the prefix of every change to an existing link. */
const linkSet = (name: string, namespace: string | undefined, ...change: string[]): string[] => [
    "ip",
    ...inNs(namespace),
    "link",
    "set",
    "dev",
    name,
    ...change,
];

/** Equivalent to: `ip [-n NS] link set dev NAME up|down`. */
export const linkSetUp = (name: string, up: boolean, namespace?: string): string[] => linkSet(name, namespace, up ? "up" : "down");

/** Equivalent to: `ip [-n NS] link set dev NAME mtu MTU`. */
export const linkSetMtu = (name: string, mtu: number, namespace?: string): string[] => linkSet(name, namespace, "mtu", String(mtu));

/** Equivalent to: `ip [-n NS] link set dev NAME alias ALIAS` (the kernel's ifalias, our owner tag). */
export const linkSetAlias = (name: string, alias: string, namespace?: string): string[] => linkSet(name, namespace, "alias", alias);

/** What one `ip link set` changes at once: owner mark, bridge, up or down. */
export interface LinkChange {
    alias?: string;
    master?: string;
    up?: boolean;
}

/** Equivalent to: `ip [-n NS] link set dev NAME [alias ALIAS] [master BRIDGE] [up|down]`: one netlink request. */
export const linkConfigure = (name: string, change: LinkChange, namespace?: string): string[] =>
    linkSet(
        name,
        namespace,
        ...(change.alias !== undefined ? ["alias", change.alias] : []),
        ...(change.master !== undefined ? ["master", change.master] : []),
        ...(change.up !== undefined ? [change.up ? "up" : "down"] : []),
    );

/** Equivalent to: `ip [-n NS] link del dev NAME`. */
export const linkDelete = (name: string, namespace?: string): string[] => ["ip", ...inNs(namespace), "link", "del", "dev", name];

/** Equivalent to: `ip [-n NS] -j addr show dev NAME`. */
export const addrShow = (name: string, namespace?: string): string[] => ["ip", ...inNs(namespace), "-j", "addr", "show", "dev", name];

/** Equivalent to: `ip [-n NS] -j addr show`: every link's addresses. */
export const addrShowAll = (namespace?: string): string[] => ["ip", ...inNs(namespace), "-j", "addr", "show"];

/** Equivalent to: `ip [-n NS] -j -d addr show dev NAME`: the link's details and its addresses in one listing. */
export const linkAndAddrShow = (name: string, namespace?: string): string[] => ["ip", ...inNs(namespace), "-j", "-d", "addr", "show", "dev", name];

/** Equivalent to: `ip [-n NS] addr add CIDR dev NAME`. */
export const addrAdd = (cidr: string, name: string, namespace?: string): string[] => ["ip", ...inNs(namespace), "addr", "add", cidr, "dev", name];

/** Equivalent to: `ip [-n NS] addr del CIDR dev NAME`. */
export const addrDelete = (cidr: string, name: string, namespace?: string): string[] => ["ip", ...inNs(namespace), "addr", "del", cidr, "dev", name];

/** Equivalent to: `ip link add name HOST [mtu M] type veth peer name PEER [mtu M] netns NS` (peer born in place). */
export const vethAdd = (hostName: string, peerName: string, namespace: string, mtu?: number): string[] => {
    const withMtu = mtu ? ["mtu", String(mtu)] : [];
    return ["ip", "link", "add", "name", hostName, ...withMtu, "type", "veth", "peer", "name", peerName, ...withMtu, "netns", namespace];
};

/** The identity of a VXLAN link, as `ip link add ... type vxlan` takes it. */
export interface VxlanSpec {
    vni: number;
    /** The underlay address tunnels leave from. */
    local: string;
    dstPort: number;
}

/**
 * Equivalent to: `ip link add name NAME [mtu M] type vxlan id VNI local ADDR dstport PORT nolearning`:
 * no multicast group and no learning; the remote ends come from FDB entries only.
 */
export const vxlanAdd = (name: string, spec: VxlanSpec, mtu?: number): string[] => [
    "ip",
    "link",
    "add",
    "name",
    name,
    ...(mtu ? ["mtu", String(mtu)] : []),
    "type",
    "vxlan",
    "id",
    String(spec.vni),
    "local",
    spec.local,
    "dstport",
    String(spec.dstPort),
    "nolearning",
];

/** Equivalent to: `ip link set dev NAME master BRIDGE`, or `nomaster` when no bridge is given. */
export const linkSetMaster = (name: string, bridge?: string): string[] => linkSet(name, undefined, ...(bridge ? ["master", bridge] : ["nomaster"]));

/** The route's key and attributes, as `ip route` takes them. */
export interface RouteSpec {
    family: 4 | 6;
    destination: string;
    via?: string;
    device?: string;
    metric?: number;
    /** Routing protocol number: marks the routes pulumi-netns made. */
    protocol: number;
}

function routeArgs(r: RouteSpec): string[] {
    return [
        r.destination,
        ...(r.via ? ["via", r.via] : []),
        ...(r.device ? ["dev", r.device] : []),
        ...(r.metric !== undefined ? ["metric", String(r.metric)] : []),
        "proto",
        String(r.protocol),
    ];
}

/** Equivalent to: `ip [-n NS] -4|-6 route add DEST [via GW] [dev DEV] [metric M] proto P`. */
export const routeAdd = (r: RouteSpec, namespace?: string): string[] => ["ip", ...inNs(namespace), `-${r.family}`, "route", "add", ...routeArgs(r)];

/** Equivalent to: `ip [-n NS] -4|-6 route replace DEST [via GW] [dev DEV] [metric M] proto P`: the route of that key swapped in one step. */
export const routeReplace = (r: RouteSpec, namespace?: string): string[] => ["ip", ...inNs(namespace), `-${r.family}`, "route", "replace", ...routeArgs(r)];

/** Equivalent to: `ip [-n NS] -j -4|-6 route show exact DEST`: whoever made them. */
export const routeShowAll = (r: Pick<RouteSpec, "family" | "destination">, namespace?: string): string[] => [
    "ip",
    ...inNs(namespace),
    "-j",
    `-${r.family}`,
    "route",
    "show",
    "exact",
    r.destination,
];

/** Equivalent to: `ip [-n NS] -4|-6 route del DEST [via GW] [dev DEV] [metric M] proto P`. */
export const routeDelete = (r: RouteSpec, namespace?: string): string[] => ["ip", ...inNs(namespace), `-${r.family}`, "route", "del", ...routeArgs(r)];

/** Equivalent to: `ip [-n NS] -j -4|-6 route show exact DEST proto P`. */
export const routeShow = (r: Pick<RouteSpec, "family" | "destination" | "protocol">, namespace?: string): string[] => [
    ...routeShowAll(r, namespace),
    "proto",
    String(r.protocol),
];

/** Equivalent to: `ip -j -4|-6 route show match ADDRESS`: every route of the main table that covers it. */
export const routesMatching = (address: string): string[] => ["ip", "-j", address.includes(":") ? "-6" : "-4", "route", "show", "match", address];
