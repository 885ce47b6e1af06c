// Adoption of iptables rules: each hand-made rule that is exactly one of the resource's rules less
// its owner comment is swapped for the owned rule in one iptables-restore commit per table (never a
// moment with neither, never both left); the resource's other rules are added in the same commit.
import { inputLine } from "../../linux/input-line";
import { ownerComment, type Rule } from "../../linux/iptables-argv";
import type { IptablesClient } from "../../linux/iptables-client";

/** The rule as a person types it: the owner comment left out; a DNAT to the same port also spelled without it. */
export function handTwins(rule: Rule, label: string): Rule[] {
    const comment = ownerComment(label);
    const at = rule.spec.findIndex((_, i) => comment.every((w, j) => rule.spec[i + j] === w));
    if (at < 0) {
        return [];
    }
    const spec = [...rule.spec.slice(0, at), ...rule.spec.slice(at + comment.length)];
    const twins: Rule[] = [{ ...rule, spec }];
    const to = spec.indexOf("--to-destination");
    const port = spec.indexOf("--dport");
    const target = /^([0-9.]+):(\d+)$/.exec(spec[to + 1] ?? "");
    if (to >= 0 && target && port >= 0 && spec[port + 1] === target[2]) {
        twins.push({ ...rule, spec: spec.map((w, i) => (i === to + 1 ? target[1] : w)) });
    }
    return twins;
}

/** `iptables-restore --noflush` input: per table, the deletions then the additions, one COMMIT each. */
export function replaceInput(deletes: readonly Rule[], adds: readonly Rule[]): string {
    const tables = [...new Set([...deletes, ...adds].map((r) => r.table))];
    const lines = tables.flatMap((table) => [
        `*${table}`,
        ...deletes.filter((r) => r.table === table).map((r) => inputLine("iptables-restore", ["-D", r.chain, ...r.spec])),
        ...adds.filter((r) => r.table === table).map((r) => inputLine("iptables-restore", ["-A", r.chain, ...r.spec])),
        "COMMIT",
    ]);
    return `${lines.join("\n")}\n`;
}

/** Swaps the hand-made twins of one family's rules for them, adding the rest, in one transaction. */
export async function adoptRules(ipt: IptablesClient, family: 4 | 6, rules: readonly Rule[], label: string): Promise<void> {
    const twins: Rule[] = [];
    for (const rule of rules) {
        for (const twin of handTwins(rule, label)) {
            // One of each spelling at most: the hand-made rule the resource takes the place of.
            if (await ipt.exists(twin)) {
                twins.push(twin);
                break;
            }
        }
    }
    await ipt.restore(family, replaceInput(twins, rules));
}
