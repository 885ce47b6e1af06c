// Pure: the host ports a machine forwards in native nftables rules, from `nft -j list ruleset`:
// every rule with a `dnat` statement and a destination port match (a port, a set, a range), in any
// table (ours, another stack's, netavark's, Docker's nftables backend); ours by their owner comment.
import { z } from "zod";
import { parseNftRules } from "../linux/nft-json";
import { OWNER_PREFIX } from "../linux/owner-marks";
import type { PortClaim } from "./port-claims";

/** iptables-nft's own tables, which `iptables-save` reads already (with their comments and chains as iptables names them). */
const IPTABLES_TABLES = new Set(["ip nat", "ip6 nat"]);

const match = z.object({
    op: z.string(),
    left: z.record(z.string(), z.unknown()),
    right: z.unknown(),
});
const payload = z.object({ protocol: z.string(), field: z.string() });
const port = z.number().int();
/** The ports a match names, and how nft writes them ("8080", "{ 53, 5353 }", "7000-7010"). */
const portsOf = z.union([
    port.transform((p) => ({ ports: [p], text: String(p) })),
    z.object({ set: z.array(port) }).transform((s) => ({ ports: s.set, text: `{ ${s.set.join(", ")} }` })),
    z.object({ range: z.tuple([port, port]) }).transform(({ range: [a, b] }) => ({
        ports: Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i),
        text: `${a}-${b}`,
    })),
]);

/** One rule's matches of the form `left == right`. */
function matches(expr: readonly Record<string, unknown>[]) {
    return expr.flatMap((e) => {
        const m = match.safeParse(e.match);
        return m.success ? [m.data] : [];
    });
}

/**
 * Every DNAT claim of this IP family (tables of family ip or ip6, and inet), one per port. With
 * `withIptablesTables` false, iptables-nft's nat tables are left to the iptables listing.
 */
export function parseNftPortClaims(listing: string, family: 4 | 6, options: { withIptablesTables: boolean }): PortClaim[] {
    const families = new Set(["inet", family === 6 ? "ip6" : "ip"]);
    const claims: PortClaim[] = [];
    for (const rule of parseNftRules(listing)) {
        if (!families.has(rule.family) || (!options.withIptablesTables && IPTABLES_TABLES.has(`${rule.family} ${rule.table}`))) {
            continue;
        }
        const dnat = rule.expr.find((e) => "dnat" in e);
        if (!dnat) {
            continue;
        }
        const ms = matches(rule.expr);
        let protocol: string | undefined;
        let ports: { ports: number[]; text: string } = { ports: [], text: "" };
        let hostAddress: string | undefined;
        for (const m of ms) {
            const p = payload.safeParse(m.left.payload);
            if (!p.success || m.op !== "==") {
                continue;
            }
            if ((p.data.protocol === "tcp" || p.data.protocol === "udp") && p.data.field === "dport") {
                const parsed = portsOf.safeParse(m.right);
                if (parsed.success) {
                    protocol = p.data.protocol;
                    ports = parsed.data;
                }
            }
            if ((p.data.protocol === "ip" || p.data.protocol === "ip6") && p.data.field === "daddr" && typeof m.right === "string") {
                hostAddress = m.right;
            }
        }
        if (!protocol) {
            continue;
        }
        const owner = rule.comment?.startsWith(OWNER_PREFIX) ? rule.comment.split(" ")[0] : undefined;
        const text = `nft table ${rule.family} ${rule.table} chain ${rule.chain}: ${protocol} dport ${ports.text} dnat`;
        for (const p of ports.ports) {
            claims.push({
                chain: rule.chain,
                protocol,
                ports: [{ from: p, to: p }],
                ...(hostAddress ? { hostAddress } : {}),
                ...(owner ? { owner } : {}),
                rule: text,
            });
        }
    }
    return claims;
}
