// The kinds made of iptables rules (MasqueradeRule, PortForward), as rules-as-data: a pure builder
// says which rules the inputs stand for, each carrying the resource's owner comment; one generic
// lifecycle adds, checks and deletes them by exact spec, never by position.
import { z } from "zod";
import type { Host } from "../../host/host";
import { formatRule, type Rule } from "../../linux/iptables-argv";
import { IptablesClient } from "../../linux/iptables-client";
import { forwardDropChains, listRuleset } from "../../linux/nft-json";
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
        facts: facts.default({}),
        /** The main rule, as typed on a command line. */
        ruleSpec: z.string(),
        /** Every rule the resource owns. */
        rules: z.array(z.string()),
        /** False when read found only some of the rules, or a fact changed: the next update puts it right. */
        inSync: z.boolean().default(true),
    }),
);

type RuleSetInputs = CommonInputs & { ownerTag: string; acceptForward?: boolean };
type RuleSetState<I> = I & z.infer<typeof ruleSetFacts>;

export interface RuleSetSpec<I extends RuleSetInputs> {
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

    /** Appends the rules that are missing; a rule already there is ours (same spec, same owner). */
    const ensureAll = (ipt: IptablesClient, rules: Rule[]) =>
        runTransaction(
            rules.map((rule) => ({
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

    return defineKind({
        inputs: spec.inputs,
        state: z.intersection(spec.inputs, ruleSetFacts),
        fields: spec.fields,
        tools: ["iptables", "iptables-save"],
        label: spec.label,
        id: (s) => ownerLabel(s.ownerTag),
        judge: (host, inputs, where) => forwardDropProblem(host, spec.rules(inputs, "", {})[0].family, inputs.acceptForward, where),

        async create(host, inputs) {
            const found = (await spec.lookUp?.(inputs, host, { wait: true })) ?? {};
            const rules = spec.rules(inputs, ownerLabel(inputs.ownerTag), found);
            await ensureAll(new IptablesClient(host), rules);
            return stateOf(inputs, found, rules);
        },

        async observe(host, state) {
            const ipt = new IptablesClient(host);
            const expected = spec.rules(state, ownerLabel(state.ownerTag), state.facts);
            let present = 0;
            for (const rule of expected) {
                present += (await ipt.exists(rule)) ? 1 : 0;
            }
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
            await ensureAll(ipt, rules);
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
            const ipt = new IptablesClient(host);
            for (const rule of spec.rules(state, ownerLabel(state.ownerTag), state.facts)) {
                await ipt.delete(rule);
            }
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
    const nft = await host.run(listRuleset()).then(
        (r) => (r.exitCode === 0 ? r.stdout : ""),
        () => "",
    );
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
    const policy = await new IptablesClient(host).policy(family, "filter", "FORWARD").catch(() => undefined);
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
