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
export const linkShow = (name: string, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "-j", "-d", "link", "show", "dev", name];

/** Equivalent to: `ip link add NAME [mtu MTU] type bridge`. */
export const bridgeAdd = (name: string, mtu?: number): string[] =>
    ["ip", "link", "add", name, ...(mtu ? ["mtu", String(mtu)] : []), "type", "bridge"];

/** Equivalent to: `ip [-n NS] link set dev NAME up|down`. */
export const linkSetUp = (name: string, up: boolean, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "link", "set", "dev", name, up ? "up" : "down"];

/** Equivalent to: `ip [-n NS] link set dev NAME mtu MTU`. */
export const linkSetMtu = (name: string, mtu: number, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "link", "set", "dev", name, "mtu", String(mtu)];

/** Equivalent to: `ip [-n NS] link set dev NAME alias ALIAS` (the kernel's ifalias, our owner tag). */
export const linkSetAlias = (name: string, alias: string, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "link", "set", "dev", name, "alias", alias];

/** Equivalent to: `ip [-n NS] link del dev NAME`. */
export const linkDelete = (name: string, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "link", "del", "dev", name];

/** Equivalent to: `ip [-n NS] -j addr show dev NAME`. */
export const addrShow = (name: string, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "-j", "addr", "show", "dev", name];

/** Equivalent to: `ip [-n NS] addr add CIDR dev NAME`. */
export const addrAdd = (cidr: string, name: string, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "addr", "add", cidr, "dev", name];

/** Equivalent to: `ip [-n NS] addr del CIDR dev NAME`. */
export const addrDelete = (cidr: string, name: string, namespace?: string): string[] =>
    ["ip", ...inNs(namespace), "addr", "del", cidr, "dev", name];
