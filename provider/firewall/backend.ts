// The firewall seam (CNI portmap's PortMapper): the kinds say which rules they stand for, as data
// (rule.ts); a backend adds, checks, lists and deletes them, each rule marked with its owner.
// iptables-backend.ts and nftables-backend.ts are the two; choose.ts says which a machine gets.
import type { FirewallRule } from "./rule";

export type FirewallName = "iptables" | "nftables";

/** What a backend read before an edit: the families where the owner already has a rule. */
export interface Survey {
    owned: ReadonlySet<4 | 6>;
}

/** How a set of rules is put back at boot: a program and the input it reads (for boot persistence). */
export interface RestoreForm {
    argv: string[];
    input: string;
}

export interface FirewallBackend {
    readonly name: FirewallName;
    /** The programs it runs, checked at preview on this machine. */
    readonly tools: readonly string[];
    /** One read of what the owner (`label`) already has on the machine, in these families. */
    survey(families: readonly (4 | 6)[], label: string): Promise<Survey>;
    /**
     * Adds the rules that are missing. While the owner has no rule in a family (a create), that
     * family's rules go in as one transaction, all or none.
     */
    ensure(rules: readonly FirewallRule[], label: string, survey?: Survey): Promise<void>;
    /**
     * Takes over hand-made rules: each that is exactly one of these less the owner's mark is swapped
     * for the marked rule, the rest added, in one transaction per family. Absent: not supported.
     */
    adopt?(rules: readonly FirewallRule[], label: string): Promise<void>;
    /** For each rule, whether the machine holds exactly it, marked with the owner. */
    check(rules: readonly FirewallRule[], label: string): Promise<boolean[]>;
    /** Deletes exactly these rules of the owner (another owner's, even identical, stay); a rule not there is done. */
    remove(rules: readonly FirewallRule[], label: string): Promise<void>;
    /** The rules the machine holds marked with the owner, as the backend lists them. */
    list(label: string): Promise<string[]>;
    /** The rule as a user would type it, for the `ruleSpec` and `rules` outputs. */
    format(rule: FirewallRule, label: string): string;
    /** What restores these rules after a reboot, one program per family or table. */
    restoreForm(rules: readonly FirewallRule[], label: string): RestoreForm[];
}
