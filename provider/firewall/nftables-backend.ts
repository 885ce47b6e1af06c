// The nftables backend: rules in the tables pulumi-netns owns (`ip pulumi-netns`, `ip6
// pulumi-netns`), each marked by its comment (owner and digest, nft-render.ts), added in one
// `nft -f` transaction, read with `nft -j`, deleted by handle; a table left empty goes. No other
// table is read for our rules or written.
import type { Host } from "../host/host";
import { NftClient } from "../linux/nft-client";
import type { NftRule } from "../linux/nft-json";
import type { FirewallBackend, RestoreForm, Survey } from "./backend";
import { NFT_TABLE, type NftRuleRef, nftAddInput, nftComment, nftDeleteInput, nftFamily, nftRuleText } from "./nft-render";
import type { FirewallRule } from "./rule";

export const NFT_TOOLS = ["nft"] as const;

const familiesOf = (rules: readonly { family: 4 | 6 }[]): (4 | 6)[] => [...new Set(rules.map((r) => r.family))];

export class NftablesBackend implements FirewallBackend {
    readonly name = "nftables";
    readonly tools = NFT_TOOLS;
    private readonly nft: NftClient;

    constructor(host: Host) {
        this.nft = new NftClient(host);
    }

    /** Our table's rules in each family (none where the table is not there). */
    private async listing(families: readonly (4 | 6)[]): Promise<Map<4 | 6, NftRule[]>> {
        const lists = await Promise.all(families.map(async (f) => [f, await this.nft.rules(nftFamily(f), NFT_TABLE)] as const));
        return new Map(lists);
    }

    /** The listed rule that is exactly `r` of the owner: same chain, same comment (owner and digest). */
    private static find(listed: readonly NftRule[], r: FirewallRule, label: string): NftRule | undefined {
        const comment = nftComment(r, label);
        return listed.find((l) => l.chain === r.hook && l.comment === comment);
    }

    // ensure reads our tables itself, under the host's edit queue, and adds only what is missing.
    async survey(): Promise<Survey> {
        return { owned: new Set() };
    }

    ensure(rules: readonly FirewallRule[], label: string): Promise<void> {
        return this.nft.exclusive(async () => {
            const listed = await this.listing(familiesOf(rules));
            const missing = rules.filter((r) => !NftablesBackend.find(listed.get(r.family) ?? [], r, label));
            if (missing.length > 0) {
                await this.nft.applyNow(nftAddInput(missing, label));
            }
        });
    }

    async check(rules: readonly FirewallRule[], label: string): Promise<boolean[]> {
        const listed = await this.listing(familiesOf(rules));
        return rules.map((r) => NftablesBackend.find(listed.get(r.family) ?? [], r, label) !== undefined);
    }

    remove(rules: readonly FirewallRule[], label: string): Promise<void> {
        return this.nft.exclusive(async () => {
            // Twice at most: a rule deleted by someone else between our read and our edit fails the whole edit.
            for (let attempt = 0; ; attempt++) {
                const listed = await this.listing(familiesOf(rules));
                const refs: NftRuleRef[] = [];
                for (const r of rules) {
                    const found = NftablesBackend.find(listed.get(r.family) ?? [], r, label);
                    if (found && !refs.some((x) => x.family === r.family && x.handle === found.handle)) {
                        refs.push({ family: r.family, chain: found.chain, handle: found.handle });
                    }
                }
                // Our table of a family goes with its last rule, so a machine is left as it was found.
                const emptied = [...listed].filter(([f, l]) => l.length > 0 && l.every((x) => refs.some((y) => y.family === f && y.handle === x.handle)));
                if (refs.length === 0) {
                    return;
                }
                try {
                    await this.nft.applyNow(
                        nftDeleteInput(
                            refs,
                            emptied.map(([f]) => f),
                        ),
                    );
                    return;
                } catch (err) {
                    if (attempt > 0) {
                        throw err;
                    }
                }
            }
        });
    }

    async list(label: string): Promise<string[]> {
        const listed = await this.listing([4, 6]);
        return [...listed].flatMap(([f, rules]) =>
            rules
                .filter((r) => r.comment?.startsWith(`${label} `))
                .map((r) => `${nftFamily(f)} ${NFT_TABLE} ${r.chain} handle ${r.handle} comment "${r.comment}"`),
        );
    }

    format(rule: FirewallRule, label: string): string {
        return nftRuleText(rule, label);
    }

    restoreForm(rules: readonly FirewallRule[], label: string): RestoreForm[] {
        return rules.length === 0 ? [] : [{ argv: ["nft", "-f", "-"], input: nftAddInput(rules, label) }];
    }
}
