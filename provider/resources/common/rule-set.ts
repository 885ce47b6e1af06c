// The kinds made of iptables rules (MasqueradeRule, PortForward), as rules-as-data: a pure builder
// says which rules the inputs stand for, each carrying the resource's owner comment; one generic
// lifecycle adds, checks and deletes them by exact spec, never by position.
import { z } from "zod";
import type { Host } from "../../host/host";
import { outputOrNothing } from "../../host/optional-read";
import { formatRule, type Rule } from "../../linux/iptables-argv";
import { IptablesClient } from "../../linux/iptables-client";
import { forwardDropChains, listRuleset } from "../../linux/nft-json";
import { adoptRules } from "./adopt-rules";
import { type CommonInputs, defineKind, type FieldTable, type KindDefinition } from "./kind";
import { ownerLabel } from "./owner";
import { runTransaction } from "./steps";

/** Facts looked up on the host (e.g. the target's network), kept in state so later rules match. */
export const facts = z.record(z.string(), z.string());
export type Facts = z.infer<typeof facts>;

const ruleSetFacts = z.preprocess(
    // State written before `facts` had its name called it `resolved`.
    (s) => (s && typeof s === "object" && "resolved" in s && !("facts" in s) ? { ...s, facts: (s as { resolved: unknown }).resolved } : s),
    z.object({
        ownerTag: z.string(),
        /** Facts looked up on the host when the rules were made (e.g. the target's network). */
        facts: facts.default({}).describe("Facts looked up on the host when the rules were made (e.g. the target's network)."),
        /** The main rule, as typed on a command line. */
        ruleSpec: z.string().describe("The main rule, as typed on a command line."),
        /** Every rule the resource owns. */
        rules: z.array(z.string()).describe("Every rule the resource owns."),
        /** False when read found only some of the rules, or a fact changed: the next update puts it right. */
        inSync: z.boolean().default(true).describe("False when read found only some of the rules, or a fact changed: the next update puts it right."),
    }),
);

type RuleSetInputs = CommonInputs & { ownerTag: string; acceptForward?: boolean };
type RuleSetState<I> = I & z.infer<typeof ruleSetFacts>;

export interface RuleSetSpec<I extends RuleSetInputs> {
    /** See KindDefinition.summary. */
    summary: string;
    inputs: z.ZodType<I>;
    fields: FieldTable<I>;
    /** A short human name for errors, e.g. "tcp 5000 -> 192.168.1.10:5000". */
    label(inputs: I): string;
    /**
     * Looks up what the rules depend on besides the inputs. With `wait` (at create), it may wait a
     * bounded time for a fact another resource is about to make.
     */
    lookUp?(inputs: I, host: Host, options: { wait: boolean }): Promise<Facts>;
    /** The rules this resource stands for, each tagged with `label`. */
    rules(inputs: I, label: string, facts: Facts): Rule[];
    /** What it takes that no other resource of the run may take too (see KindDefinition.claims). */
    claims?: KindDefinition<I, I>["claims"];
    /** A guard rail judged before the FORWARD policy (see KindDefinition.judge). */
    guard?(host: Host, inputs: I, where: string, own: readonly string[]): Promise<{ property: string; reason: string } | undefined>;
}

/** Rules grouped by address family (iptables and ip6tables are separate programs). */
function byFamily(rules: Rule[]): [4 | 6, Rule[]][] {
    const families = [...new Set(rules.map((r) => r.family))];
    return families.map((family) => [family, rules.filter((r) => r.family === family)]);
}

const sameFacts = (a: Facts, b: Facts): boolean => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export function ruleSetKind<I extends RuleSetInputs>(spec: RuleSetSpec<I>): KindDefinition<I, RuleSetState<I>> {
    const stateOf = (inputs: I, facts: Facts, rules: Rule[]): RuleSetState<I> => ({
        ...inputs,
        facts,
        ruleSpec: formatRule(rules[0]),
        rules: rules.map(formatRule),
        inSync: true,
    });

    /** The facts now, where the host has them: one missing now (a network down for a moment) keeps its value. */
    const lookUpAgain = async (inputs: I, host: Host, recorded: Facts): Promise<Facts> => ({
        ...recorded,
        ...((await spec.lookUp?.(inputs, host, { wait: false })) ?? {}),
    });

    /**
     * Appends the rules that are missing; a rule already there is ours (same spec, same owner).
     * While no rule carries the owner's label (every create but one cut off before Pulumi recorded
     * it), a family's rules go in as one transaction; otherwise rule by rule.
     */
    const ensureAll = (ipt: IptablesClient, rules: Rule[], label: string, labelled?: ReadonlySet<number>) =>
        runTransaction(
            byFamily(rules).map(([family, ofFamily]) => ({
                name: `append ${ofFamily.map(formatRule).join("; ")}`,
                run: async () => {
                    if (!(labelled ? labelled.has(family) : await ipt.anyLabelled(family, label))) {
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
                undo: async () => {
                    await removeAll(ipt, ofFamily);
                },
            })),
        );

    /** Deletes rules by exact spec: in one transaction when all are there, else each one that is. */
    const removeAll = async (ipt: IptablesClient, rules: Rule[]) => {
        for (const [family, ofFamily] of byFamily(rules)) {
            if (!(await ipt.deleteAll(family, ofFamily))) {
                for (const rule of ofFamily) {
                    await ipt.delete(rule);
                }
            }
        }
    };

    return defineKind({
        summary: spec.summary,
        inputs: spec.inputs,
        state: z.intersection(spec.inputs, ruleSetFacts),
        fields: spec.fields,
        tools: ["iptables", "iptables-save", "iptables-restore"],
        label: spec.label,
        ...(spec.claims ? { claims: spec.claims as unknown as KindDefinition<I, RuleSetState<I>>["claims"] } : {}),
        id: (s) => ownerLabel(s.ownerTag),
        judge: async (host, inputs, where, own) =>
            (await spec.guard?.(host, inputs, where, own)) ?? forwardDropProblem(host, spec.rules(inputs, "", {})[0].family, inputs.acceptForward, where),

        async create(host, inputs) {
            const ipt = new IptablesClient(host);
            const label = ownerLabel(inputs.ownerTag);
            // Two reads at once (over SSH, one round trip): the facts, and which families already hold a rule of this owner.
            const families = byFamily(spec.rules(inputs, label, {})).map(([family]) => family);
            const [found, labelled] = await Promise.all([
                spec.lookUp?.(inputs, host, { wait: true }) ?? {},
                Promise.all(families.map(async (family) => ((await ipt.anyLabelled(family, label)) ? [family] : []))).then((f) => new Set(f.flat())),
            ]);
            const rules = spec.rules(inputs, label, found);
            if (inputs.adopt && labelled.size === 0) {
                // Each hand-made twin swapped for its owned rule, family by family, in one commit each.
                for (const [family, ofFamily] of byFamily(rules)) {
                    await adoptRules(ipt, family, ofFamily, label);
                }
                return stateOf(inputs, found, rules);
            }
            await ensureAll(ipt, rules, label, labelled);
            return stateOf(inputs, found, rules);
        },

        async observe(host, state) {
            const ipt = new IptablesClient(host);
            const expected = spec.rules(state, ownerLabel(state.ownerTag), state.facts);
            // Reads, so all at once (over SSH, one round trip instead of one per rule).
            const present = (await Promise.all(expected.map((rule) => ipt.exists(rule)))).filter(Boolean).length;
            if (present === 0) {
                return { found: "gone" };
            }
            // A fact found since create (the target's network made after the forward) is drift too.
            const fresh = await lookUpAgain(state, host, state.facts);
            return { found: "ours", live: { ...state, inSync: present === expected.length && sameFacts(fresh, state.facts) } };
        },

        // Fields that change rules replace the resource: an update repairs drift or stores new credentials.
        async update(host, live, inputs) {
            const ipt = new IptablesClient(host);
            const label = ownerLabel(live.ownerTag);
            const found = await lookUpAgain(inputs, host, live.facts);
            const rules = spec.rules(inputs, label, found);
            await ensureAll(ipt, rules, label);
            const wanted = new Set(rules.map(formatRule));
            for (const stale of spec.rules(live, label, live.facts)) {
                if (!wanted.has(formatRule(stale))) {
                    await ipt.delete(stale);
                }
            }
            return stateOf(inputs, found, rules);
        },

        // By exact spec, owner comment included: a replacement's rules (same owner, other spec) stay.
        async remove(host, state) {
            await removeAll(new IptablesClient(host), spec.rules(state, ownerLabel(state.ownerTag), state.facts));
        },
    });
}

/**
 * Why the traffic would be dropped on `where`, as a failure of `acceptForward`, or undefined: the
 * iptables FORWARD policy is DROP (as Docker sets it) and acceptForward is not chosen; or a native
 * nftables forward chain drops by default, which no iptables ACCEPT can answer.
 */
async function forwardDropProblem(host: Host, family: 4 | 6, acceptForward: boolean | undefined, where: string) {
    if (acceptForward === false) {
        return undefined;
    }
    // Both listings at once: over SSH, one round trip instead of two.
    const policyNow = acceptForward ? Promise.resolve(undefined) : new IptablesClient(host).policy(family, "filter", "FORWARD").catch(() => undefined);
    const nft = await outputOrNothing(host, listRuleset());
    const chains = nft ? forwardDropChains(nft, family) : [];
    if (chains.length > 0) {
        return {
            property: "acceptForward",
            reason:
                `the nftables chain ${chains.map((c) => `"${c}"`).join(", ")} on ${where} ` +
                "drops forwarded traffic by default, so this traffic would be dropped there whatever iptables accepts: add an " +
                "accept rule for it to that chain, then set acceptForward: false",
        };
    }
    if (acceptForward) {
        return undefined;
    }
    const policy = await policyNow;
    return policy !== "DROP"
        ? undefined
        : {
              property: "acceptForward",
              reason:
                  `the FORWARD chain on ${where} drops by ` +
                  "default (as Docker sets it), so this traffic would be dropped: set acceptForward: true to add ACCEPT rules " +
                  "owned by this resource, or false if your own rules accept it",
          };
}
