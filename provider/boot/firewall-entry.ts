// Pure: a rule set's boot plan entry in the form of the backend that holds its rules: iptables
// rules (checked by exact spec at boot, the missing ones restored in one transaction), or nft
// lines (the table and chains, then each rule, skipped at boot when its owner comment is there).
import type { FirewallName } from "../firewall/backend";
import { iptablesRule } from "../firewall/iptables-render";
import { nftAddInput, nftComment, nftRuleText } from "../firewall/nft-render";
import type { FirewallRule } from "../firewall/rule";
import type { BootEntry } from "./entry";
import { rulesEntry } from "./kind-entries";

export function firewallEntry(backend: FirewallName, rules: readonly FirewallRule[], label: string): BootEntry {
    if (backend === "iptables") {
        return rulesEntry(rules.map((r) => iptablesRule(r, label)));
    }
    return {
        nft: rules.map((r) => ({
            // `add table` and `add chain` of ones that exist change nothing.
            setup: nftAddInput([r], label)
                .split("\n")
                .filter((line) => line !== "" && !line.startsWith("add rule ")),
            mark: nftComment(r, label),
            rule: `add rule ${nftRuleText(r, label)}`,
        })),
    };
}
