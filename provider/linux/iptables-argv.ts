// Pure builders of iptables argv. Every rule is tagged with an owner comment and found by it.
import { inputLine } from "./input-line";

export type Table = "nat" | "filter";

/** One rule: where it lives and its match/target arguments (without -A/-D CHAIN). */
export interface Rule {
    family: 4 | 6;
    table: Table;
    chain: string;
    spec: string[];
}

const binary = (family: 4 | 6) => (family === 6 ? "ip6tables" : "iptables");

/**
 * `-w 30`: wait for the xtables lock when another writer holds it, but not forever (a stuck
 * holder fails the resource, naming the command, well inside the command's own deadline).
 */
export const LOCK_WAIT = ["-w", "30"];

export const addRule = (r: Rule): string[] => [binary(r.family), ...LOCK_WAIT, "-t", r.table, "-A", r.chain, ...r.spec];

export const deleteRule = (r: Rule): string[] => [binary(r.family), ...LOCK_WAIT, "-t", r.table, "-D", r.chain, ...r.spec];

/** Exit 0 when a rule with exactly this spec (owner comment included) is in the chain. */
export const checkRule = (r: Rule): string[] => [binary(r.family), ...LOCK_WAIT, "-t", r.table, "-C", r.chain, ...r.spec];

/** Equivalent to: `iptables -w 30 -S CHAIN` for the filter table's chain policy line. */
export const listChain = (family: 4 | 6, table: Table, chain: string): string[] => [binary(family), ...LOCK_WAIT, "-t", table, "-S", chain];

/** Equivalent to: `iptables-save`: every table, to look for an owner's comment in one command. */
export const saveAll = (family: 4 | 6): string[] => [`${binary(family)}-save`];

/** Equivalent to: `iptables-restore -w 30 --noflush`: edits read from standard input, applied as one transaction. */
export const restoreEdits = (family: 4 | 6): string[] => [`${binary(family)}-restore`, ...LOCK_WAIT, "--noflush"];

/**
 * The input of `iptables-restore --noflush` that appends (-A) or deletes (-D) these rules of one
 * family, table by table; the rules of other owners are untouched. Refuses a word the restore
 * parser would split or unquote, so a word stays one.
 */
export function restoreInput(op: "-A" | "-D", rules: readonly Rule[]): string {
    const tables = [...new Set(rules.map((r) => r.table))];
    const lines = tables.flatMap((table) => [
        `*${table}`,
        ...rules.filter((r) => r.table === table).map((r) => inputLine("iptables-restore", [op, r.chain, ...r.spec])),
        "COMMIT",
    ]);
    return `${lines.join("\n")}\n`;
}

/** The comment match that names a rule's owner. */
export const ownerComment = (label: string): string[] => ["-m", "comment", "--comment", label];

/** The rule as a user would type it, for the `ruleSpec` output. */
export const formatRule = (r: Rule): string => `-t ${r.table} -A ${r.chain} ${r.spec.join(" ")}`;
