// Pure builders of iptables argv. Every rule is tagged with an owner comment and found by it.

export type Table = "nat" | "filter";

/** One rule: where it lives and its match/target arguments (without -A/-D CHAIN). */
export interface Rule {
    family: 4 | 6;
    table: Table;
    chain: string;
    spec: string[];
    /** Insert at the top of the chain instead of appending (ACCEPTs that must precede a DROP). */
    insert?: boolean;
}

const binary = (family: 4 | 6) => (family === 6 ? "ip6tables" : "iptables");

/**
 * `-w 30`: wait for the xtables lock when another writer holds it, but not forever (a stuck
 * holder fails the resource, naming the command, well inside the command's own deadline).
 */
export const LOCK_WAIT = ["-w", "30"];

export const addRule = (r: Rule): string[] =>
    [binary(r.family), ...LOCK_WAIT, "-t", r.table, r.insert ? "-I" : "-A", r.chain, ...r.spec];

export const deleteRule = (r: Rule): string[] => [binary(r.family), ...LOCK_WAIT, "-t", r.table, "-D", r.chain, ...r.spec];

/** Exit 0 when a rule with exactly this spec (owner comment included) is in the chain. */
export const checkRule = (r: Rule): string[] => [binary(r.family), ...LOCK_WAIT, "-t", r.table, "-C", r.chain, ...r.spec];

/** Equivalent to: `iptables -w 30 -S CHAIN` for the filter table's chain policy line. */
export const listChain = (family: 4 | 6, table: Table, chain: string): string[] =>
    [binary(family), ...LOCK_WAIT, "-t", table, "-S", chain];

/** The comment match that names a rule's owner. */
export const ownerComment = (label: string): string[] => ["-m", "comment", "--comment", label];

/** The rule as a user would type it, for the `ruleSpec` output. */
export const formatRule = (r: Rule): string => `-t ${r.table} ${r.insert ? "-I" : "-A"} ${r.chain} ${r.spec.join(" ")}`;

/**
 * ACCEPT rules for forwarded traffic of a subnet, for hosts whose FORWARD policy is DROP (as Docker
 * sets it): out of the subnet, and replies back into it.
 */
export function acceptSubnet(family: 4 | 6, cidr: string, comment: string[]): Rule[] {
    return [
        { family, table: "filter", chain: "FORWARD", insert: true, spec: ["-s", cidr, ...comment, "-j", "ACCEPT"] },
        {
            family, table: "filter", chain: "FORWARD", insert: true,
            spec: ["-d", cidr, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", ...comment, "-j", "ACCEPT"],
        },
    ];
}
