// Parses `nft -j list ruleset` for the one fact the providers need: base chains on the forward
// hook whose policy drops, besides the iptables FORWARD chain (judged by `iptables -S`).
import { z } from "zod";

/** Equivalent to: `nft -j list ruleset`. */
export const listRuleset = (): string[] => ["nft", "-j", "list", "ruleset"];

const chainJson = z.object({
    family: z.string(),
    table: z.string(),
    name: z.string(),
    hook: z.string().optional(),
    policy: z.string().optional(),
});
const rulesetJson = z.object({ nftables: z.array(z.record(z.string(), z.unknown())) });

/**
 * Native nftables chains ("inet fw forward") that drop forwarded traffic of this IP family by
 * default; iptables-nft's own FORWARD chain only `withIptables` (iptables reports that one itself).
 */
export function forwardDropChains(stdout: string, family: 4 | 6, options: { withIptables?: boolean } = {}): string[] {
    const parsed = rulesetJson.safeParse(JSON.parse(stdout || "{}"));
    if (!parsed.success) {
        return [];
    }
    const families = new Set(["inet", family === 6 ? "ip6" : "ip"]);
    return (
        parsed.data.nftables
            .map((entry) => chainJson.safeParse(entry.chain))
            .flatMap((c) => (c.success ? [c.data] : []))
            .filter((c) => c.hook === "forward" && c.policy === "drop" && families.has(c.family))
            // iptables-nft keeps its own FORWARD chain in table "filter": iptables itself reports that one.
            .filter((c) => options.withIptables || !(c.table === "filter" && c.name === "FORWARD" && c.family !== "inet"))
            .map((c) => `${c.family} ${c.table} ${c.name}`)
    );
}

/** Equivalent to: `nft -j list table FAMILY NAME` (exit 1, "No such file or directory", when there is none). */
export const listTable = (family: "ip" | "ip6", name: string): string[] => ["nft", "-j", "list", "table", family, name];

/** Equivalent to: `nft -f -`: the commands read from standard input, applied as one transaction. */
export const applyScript = (): string[] => ["nft", "-f", "-"];

const ruleJson = z.object({
    family: z.string(),
    table: z.string(),
    chain: z.string(),
    handle: z.number(),
    comment: z.string().optional(),
    expr: z.array(z.record(z.string(), z.unknown())).default([]),
});
export type NftRule = z.infer<typeof ruleJson>;

/** Every rule of an `nft -j list ...` listing, with its handle, comment and expressions. */
export function parseNftRules(stdout: string): NftRule[] {
    const parsed = rulesetJson.safeParse(JSON.parse(stdout || "{}"));
    if (!parsed.success) {
        return [];
    }
    return parsed.data.nftables.map((entry) => ruleJson.safeParse(entry.rule)).flatMap((r) => (r.success ? [r.data] : []));
}

/** Every table of a listing, as "family name". */
export function parseNftTables(stdout: string): string[] {
    const parsed = rulesetJson.safeParse(JSON.parse(stdout || "{}"));
    const table = z.object({ family: z.string(), name: z.string() });
    return parsed.success
        ? parsed.data.nftables.map((entry) => table.safeParse(entry.table)).flatMap((t) => (t.success ? [`${t.data.family} ${t.data.name}`] : []))
        : [];
}
