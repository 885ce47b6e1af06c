// Pure builders of iptables argv. Every rule is tagged with an owner comment and found by it.

export type Table = "nat" | "filter";

/** One rule: where it lives and its match/target arguments (without -A/-D CHAIN). */
export interface Rule {
    family: 4 | 6;
    table: Table;
    chain: string;
    spec: string[];
}

const binary = (family: 4 | 6) => (family === 6 ? "ip6tables" : "iptables");

/** `-w`: wait for the xtables lock instead of failing when another writer holds it. */
export const appendRule = (r: Rule): string[] => [binary(r.family), "-w", "-t", r.table, "-A", r.chain, ...r.spec];

export const deleteRule = (r: Rule): string[] => [binary(r.family), "-w", "-t", r.table, "-D", r.chain, ...r.spec];

/** Exit 0 when a rule with exactly this spec (owner comment included) is in the chain. */
export const checkRule = (r: Rule): string[] => [binary(r.family), "-w", "-t", r.table, "-C", r.chain, ...r.spec];

/** Equivalent to: `iptables -w -S CHAIN` for the filter table's chain policy line. */
export const listChain = (family: 4 | 6, table: Table, chain: string): string[] =>
    [binary(family), "-w", "-t", table, "-S", chain];

/** The comment match that names a rule's owner. */
export const ownerComment = (label: string): string[] => ["-m", "comment", "--comment", label];

/** The rule as a user would type it, for the `ruleSpec` output. */
export const formatRule = (r: Rule): string => `-t ${r.table} -A ${r.chain} ${r.spec.join(" ")}`;
