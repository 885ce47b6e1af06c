// Rules as data, for any firewall backend: where a rule runs (a hook of the IP family), what it
// matches (terms in order) and what it does. Pure builders return these; a backend renders them
// (iptables argv, nft text) and owns their lifecycle (see backend.ts).

/** Where a rule runs: the nat hooks for address translation, forward for filtering. */
export type Hook = "prerouting" | "output" | "postrouting" | "forward";

/** One match term. A rule's terms are rendered in order (iptables keeps its match modules in that order). */
export type Term =
    | { source: string }
    | { destination: string }
    /** The destination is an address of this machine (iptables `-m addrtype --dst-type LOCAL`, nft `fib daddr type local`). */
    | { localDestination: true }
    | { protocol: "tcp" | "udp" }
    | { inInterface: string }
    | { outInterface: string; not?: true }
    | { destinationPort: number; protocol: "tcp" | "udp" }
    | { sourcePort: number; protocol: "tcp" | "udp" }
    /** Connection tracking: a connection whose destination was translated, or replies of a known one. */
    | { conntrack: "dnat" | "related-established" };

export type Action = { masquerade: true } | { dnat: { address: string; port: number } } | { accept: true };

export interface FirewallRule {
    family: 4 | 6;
    hook: Hook;
    match: Term[];
    action: Action;
}

/**
 * ACCEPT rules for forwarded traffic of a subnet, for hosts whose forward policy is DROP (as Docker
 * sets it): from the subnet through its interface, and replies back into it. Bound to the interface
 * as well as the subnet.
 *
 * `via` is the subnet's own interface (the bridge: traffic enters from it) or the way out (traffic leaves by it).
 */
export function acceptSubnet(family: 4 | 6, cidr: string, via: { bridge: string } | { out: string }): FirewallRule[] {
    const [from, back]: [Term, Term] =
        "bridge" in via ? [{ inInterface: via.bridge }, { outInterface: via.bridge }] : [{ outInterface: via.out }, { inInterface: via.out }];
    return [
        { family, hook: "forward", match: [from, { source: cidr }], action: { accept: true } },
        { family, hook: "forward", match: [back, { destination: cidr }, { conntrack: "related-established" }], action: { accept: true } },
    ];
}

/** Rules grouped by address family (each family is its own table or program). */
export function byFamily<R extends { family: 4 | 6 }>(rules: readonly R[]): [4 | 6, R[]][] {
    const families = [...new Set(rules.map((r) => r.family))];
    return families.map((family) => [family, rules.filter((r) => r.family === family)]);
}

/** "[fd00::10]:80" or "192.168.1.10:80": a DNAT target as both backends write it. */
export const hostAndPort = (address: string, port: number): string => (address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`);
