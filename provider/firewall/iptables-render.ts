// Pure: a FirewallRule as the iptables rule it stands for (table, chain, match/target arguments),
// tagged with the owner comment. Equivalent to what the kinds wrote before the backend seam, word
// for word, so rules made by earlier versions are found and deleted as they are.
import { ownerComment, type Rule } from "../linux/iptables-argv";
import { type FirewallRule, type Hook, hostAndPort, type Term } from "./rule";

const CHAINS: Record<Hook, { table: Rule["table"]; chain: string }> = {
    prerouting: { table: "nat", chain: "PREROUTING" },
    output: { table: "nat", chain: "OUTPUT" },
    postrouting: { table: "nat", chain: "POSTROUTING" },
    forward: { table: "filter", chain: "FORWARD" },
};

function termArgs(t: Term): string[] {
    if ("source" in t) return ["-s", t.source];
    if ("destination" in t) return ["-d", t.destination];
    if ("localDestination" in t) return ["-m", "addrtype", "--dst-type", "LOCAL"];
    if ("destinationPort" in t) return ["-m", t.protocol, "--dport", String(t.destinationPort)];
    if ("sourcePort" in t) return ["-m", t.protocol, "--sport", String(t.sourcePort)];
    if ("protocol" in t) return ["-p", t.protocol];
    if ("inInterface" in t) return ["-i", t.inInterface];
    if ("outInterface" in t) return [...(t.not ? ["!"] : []), "-o", t.outInterface];
    return ["-m", "conntrack", "--ctstate", t.conntrack === "dnat" ? "DNAT" : "RELATED,ESTABLISHED"];
}

function targetArgs(a: FirewallRule["action"]): string[] {
    if ("masquerade" in a) return ["-j", "MASQUERADE"];
    if ("accept" in a) return ["-j", "ACCEPT"];
    return ["-j", "DNAT", "--to-destination", hostAndPort(a.dnat.address, a.dnat.port)];
}

/** The iptables rule of `r`, its owner comment last before the target. */
export function iptablesRule(r: FirewallRule, label: string): Rule {
    return { family: r.family, ...CHAINS[r.hook], spec: [...r.match.flatMap(termArgs), ...ownerComment(label), ...targetArgs(r.action)] };
}
