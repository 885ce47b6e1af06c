// The iptables backend: each rule an iptables rule (iptables-render.ts) tagged with the owner's
// comment, added and deleted by exact spec (never by position), a family's rules in one
// `iptables-restore --noflush` transaction when it can.
import type { Host } from "../host/host";
import { formatRule, type Rule, restoreEdits, restoreInput, saveAll } from "../linux/iptables-argv";
import { IptablesClient } from "../linux/iptables-client";
import { adoptRules } from "../resources/common/adopt-rules";
import { runTransaction } from "../resources/common/steps";
import type { FirewallBackend, RestoreForm, Survey } from "./backend";
import { iptablesRule } from "./iptables-render";
import { byFamily, type FirewallRule } from "./rule";

export const IPTABLES_TOOLS = ["iptables", "iptables-save", "iptables-restore"] as const;

export class IptablesBackend implements FirewallBackend {
    readonly name = "iptables";
    readonly tools = IPTABLES_TOOLS;
    private readonly ipt: IptablesClient;

    constructor(host: Host) {
        this.ipt = new IptablesClient(host);
    }

    async survey(families: readonly (4 | 6)[], label: string): Promise<Survey> {
        const owned = await Promise.all(families.map(async (family) => ((await this.ipt.anyLabelled(family, label)) ? [family] : [])));
        return { owned: new Set(owned.flat()) };
    }

    ensure(rules: readonly FirewallRule[], label: string, survey?: Survey): Promise<void> {
        const ipt = this.ipt;
        return runTransaction(
            byFamily(rules.map((r) => iptablesRule(r, label))).map(([family, ofFamily]) => ({
                name: `append ${ofFamily.map(formatRule).join("; ")}`,
                run: async () => {
                    if (!(survey ? survey.owned.has(family) : await ipt.anyLabelled(family, label))) {
                        await ipt.appendAll(family, ofFamily);
                        return;
                    }
                    await runTransaction(
                        ofFamily.map((rule) => ({
                            name: `append ${formatRule(rule)}`,
                            run: async () => {
                                if (!(await ipt.exists(rule))) {
                                    await ipt.append(rule);
                                }
                            },
                            undo: async () => {
                                await ipt.delete(rule);
                            },
                        })),
                    );
                },
                undo: () => this.removeRules(ofFamily),
            })),
        );
    }

    async adopt(rules: readonly FirewallRule[], label: string): Promise<void> {
        for (const [family, ofFamily] of byFamily(rules.map((r) => iptablesRule(r, label)))) {
            await adoptRules(this.ipt, family, ofFamily, label);
        }
    }

    // Reads, so all at once (over SSH, one round trip instead of one per rule).
    check(rules: readonly FirewallRule[], label: string): Promise<boolean[]> {
        return Promise.all(rules.map((r) => this.ipt.exists(iptablesRule(r, label))));
    }

    remove(rules: readonly FirewallRule[], label: string): Promise<void> {
        return this.removeRules(rules.map((r) => iptablesRule(r, label)));
    }

    /** Deletes rules by exact spec: in one transaction when all are there, else each one that is. */
    private async removeRules(rules: readonly Rule[]): Promise<void> {
        for (const [family, ofFamily] of byFamily(rules)) {
            if (!(await this.ipt.deleteAll(family, ofFamily))) {
                for (const rule of ofFamily) {
                    await this.ipt.delete(rule);
                }
            }
        }
    }

    async list(label: string): Promise<string[]> {
        const lines = await Promise.all(
            ([4, 6] as const).map(async (family) => {
                const saved = await this.ipt.host.run(saveAll(family));
                return saved.exitCode === 0 ? saved.stdout.split("\n").filter((l) => l.startsWith("-A ") && l.includes(`"${label}"`)) : [];
            }),
        );
        return lines.flat();
    }

    format(rule: FirewallRule, label: string): string {
        return formatRule(iptablesRule(rule, label));
    }

    restoreForm(rules: readonly FirewallRule[], label: string): RestoreForm[] {
        return byFamily(rules.map((r) => iptablesRule(r, label))).map(([family, ofFamily]) => ({
            argv: restoreEdits(family),
            input: restoreInput("-A", ofFamily),
        }));
    }
}
