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

/** Native nftables chains ("inet fw forward") that drop forwarded traffic of this IP family by default. */
export function forwardDropChains(stdout: string, family: 4 | 6): string[] {
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
            .filter((c) => !(c.table === "filter" && c.name === "FORWARD" && c.family !== "inet"))
            .map((c) => `${c.family} ${c.table} ${c.name}`)
    );
}
