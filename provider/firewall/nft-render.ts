// Pure: FirewallRules as nftables text for `nft -f`, in the tables pulumi-netns owns (`ip
// pulumi-netns`, `ip6 pulumi-netns`), one base chain per hook. Every rule's comment names its owner
// and a digest of the rule itself, so a rule is found and deleted exactly: a replacement's rules
// (same owner, other rule) have other comments.
import { createHash } from "node:crypto";
import { type FirewallRule, type Hook, hostAndPort, type Term } from "./rule";

/** The name of our table in each family; no other table is ever written. */
export const NFT_TABLE = "pulumi-netns";

export const nftFamily = (family: 4 | 6): "ip" | "ip6" => (family === 6 ? "ip6" : "ip");

/** Our base chains: named after their hook, at the priorities iptables' own chains use, accepting by default. */
const CHAIN_TYPES: Record<Hook, string> = {
    prerouting: "type nat hook prerouting priority -100; policy accept;",
    output: "type nat hook output priority -100; policy accept;",
    postrouting: "type nat hook postrouting priority 100; policy accept;",
    forward: "type filter hook forward priority 0; policy accept;",
};

/** A value the nft parser reads back as itself inside a rule (names and addresses are validated earlier: this is the last line). */
function word(value: string): string {
    if (!/^[A-Za-z0-9_.:/[\]-]+$/.test(value)) {
        throw new Error(`cannot pass ${JSON.stringify(value)} to nft: not a name, address or number`);
    }
    return value;
}

function termText(t: Term, ip: string, rule: FirewallRule): string | undefined {
    if ("source" in t) return `${ip} saddr ${word(t.source)}`;
    if ("destination" in t) return `${ip} daddr ${word(t.destination)}`;
    if ("localDestination" in t) return "fib daddr type local";
    if ("destinationPort" in t) return `${t.protocol} dport ${t.destinationPort}`;
    if ("sourcePort" in t) return `${t.protocol} sport ${t.sourcePort}`;
    // A port match names the protocol already.
    if ("protocol" in t) return rule.match.some((m) => "destinationPort" in m || "sourcePort" in m) ? undefined : `meta l4proto ${t.protocol}`;
    if ("inInterface" in t) return `iifname "${word(t.inInterface)}"`;
    if ("outInterface" in t) return `oifname ${t.not ? "!= " : ""}"${word(t.outInterface)}"`;
    return t.conntrack === "dnat" ? "ct status dnat" : "ct state established,related";
}

function actionText(a: FirewallRule["action"]): string {
    if ("masquerade" in a) return "masquerade";
    if ("accept" in a) return "accept";
    return `dnat to ${word(hostAndPort(a.dnat.address, a.dnat.port))}`;
}

/** The rule's matches and verdict, as `nft list` would show them (without the comment). */
export function nftRuleBody(r: FirewallRule): string {
    const ip = nftFamily(r.family);
    return [...r.match.map((t) => termText(t, ip, r)), actionText(r.action)].filter((x) => x !== undefined).join(" ");
}

/** The comment that marks `r` as the owner's: "pulumi-netns:<tag> <digest of the rule>". */
export function nftComment(r: FirewallRule, label: string): string {
    const digest = createHash("sha256")
        .update(`${nftFamily(r.family)} ${r.hook} ${nftRuleBody(r)}`)
        .digest("hex")
        .slice(0, 10);
    return `${word(label)} ${digest}`;
}

/** The rule as typed after `nft add rule`, e.g. `ip pulumi-netns postrouting ip saddr 10.0.0.0/24 masquerade comment "..."`. */
export function nftRuleText(r: FirewallRule, label: string): string {
    return `${nftFamily(r.family)} ${NFT_TABLE} ${r.hook} ${nftRuleBody(r)} comment "${nftComment(r, label)}"`;
}

/**
 * The input of `nft -f -` that adds these rules (of one family or both), with our table and the
 * chains they need (`add` of a table or chain that exists changes nothing): one transaction.
 */
export function nftAddInput(rules: readonly FirewallRule[], label: string): string {
    const lines: string[] = [];
    for (const family of [...new Set(rules.map((r) => r.family))]) {
        const f = nftFamily(family);
        lines.push(`add table ${f} ${NFT_TABLE}`);
        for (const hook of [...new Set(rules.filter((r) => r.family === family).map((r) => r.hook))]) {
            lines.push(`add chain ${f} ${NFT_TABLE} ${hook} { ${CHAIN_TYPES[hook]} }`);
        }
    }
    lines.push(...rules.map((r) => `add rule ${nftRuleText(r, label)}`));
    return `${lines.join("\n")}\n`;
}

/** One rule of our table as the kernel lists it. */
export interface NftRuleRef {
    family: 4 | 6;
    chain: string;
    handle: number;
}

/**
 * The input of `nft -f -` that deletes these rules by handle, and our table of a family when
 * nothing of anyone's is left in it (`emptied`): one transaction, so a handle gone meanwhile
 * deletes nothing.
 */
export function nftDeleteInput(refs: readonly NftRuleRef[], emptied: readonly (4 | 6)[]): string {
    const lines = [
        ...refs.map((r) => `delete rule ${nftFamily(r.family)} ${NFT_TABLE} ${word(r.chain)} handle ${r.handle}`),
        ...emptied.map((family) => `delete table ${nftFamily(family)} ${NFT_TABLE}`),
    ];
    return `${lines.join("\n")}\n`;
}
