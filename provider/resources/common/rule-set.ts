// The kinds made of firewall rules (MasqueradeRule, PortForward), as rules-as-data: a pure builder
// says which rules the inputs stand for (provider/firewall/rule.ts); the machine's backend
// (iptables or nftables, provider/firewall/) adds, checks and deletes them, each marked with the
// resource's owner, by exact rule, never by position.
import { z } from "zod";
import { firewallEntry } from "../../boot/firewall-entry";
import type { FirewallBackend, FirewallName } from "../../firewall/backend";
import { backendFor, chooseFirewall, NO_FIREWALL } from "../../firewall/choose";
import { forwardDropProblem } from "../../firewall/forward-drop";
import type { FirewallRule } from "../../firewall/rule";
import type { Host } from "../../host/host";
import { localHostProblem } from "../../host/preflight";
import { type CommonInputs, defineKind, type FieldTable, type KindDefinition } from "./kind";
import { ownerLabel } from "./owner";
import { UNKNOWN } from "./unknown";

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
    }),
);

type RuleSetInputs = CommonInputs & { ownerTag: string; acceptForward?: boolean; firewall?: FirewallName };
type RuleSetState<I> = I & z.infer<typeof ruleSetFacts>;

export interface RuleSetSpec<I extends RuleSetInputs, In = unknown> {
    /** See KindDefinition.summary. */
    summary: string;
    inputs: z.ZodType<I, In>;
    fields: FieldTable<I>;
    /** A short human name for errors, e.g. "tcp 5000 -> 192.168.1.10:5000". */
    label(inputs: I): string;
    /**
     * Looks up what the rules depend on besides the inputs. With `wait` (at create), it may wait a
     * bounded time for a fact another resource is about to make.
     */
    lookUp?(inputs: I, host: Host, options: { wait: boolean }): Promise<Facts>;
    /** The rules this resource stands for. */
    rules(inputs: I, facts: Facts): FirewallRule[];
    /** A guard rail judged before the forward policy (see KindDefinition.judge). */
    guard?(host: Host, inputs: I, where: string, own: readonly string[]): Promise<{ property: string; reason: string } | undefined>;
}

const sameFacts = (a: Facts, b: Facts): boolean => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The backend a resource's rules are in: recorded in its state ("nftables"), absent for iptables (every state before the choice existed). */
const recorded = (s: { firewall?: FirewallName }): FirewallName => s.firewall ?? "iptables";

export function ruleSetKind<I extends RuleSetInputs, In>(spec: RuleSetSpec<I, In>): KindDefinition<I, RuleSetState<I>, In> {
    const stateOf = (inputs: I, facts: Facts, rules: FirewallRule[], backend: FirewallBackend): RuleSetState<I> => {
        const label = ownerLabel(inputs.ownerTag);
        return {
            ...inputs,
            ...(backend.name === "nftables" ? { firewall: "nftables" as const } : {}),
            facts,
            ruleSpec: backend.format(rules[0], label),
            rules: rules.map((r) => backend.format(r, label)),
        };
    };

    /** The facts now, where the host has them: one missing now (a network down for a moment) keeps its value. */
    const lookUpAgain = async (inputs: I, host: Host, recordedFacts: Facts): Promise<Facts> => ({
        ...recordedFacts,
        ...((await spec.lookUp?.(inputs, host, { wait: false })) ?? {}),
    });

    return defineKind({
        summary: spec.summary,
        drifts: true,
        inputs: spec.inputs,
        state: z.intersection(spec.inputs, ruleSetFacts),
        fields: spec.fields,
        // The backend's programs are judged by `complete`, once the machine's backend is known.
        tools: [],
        label: spec.label,
        id: (s) => ownerLabel(s.ownerTag),
        judge: async (host, inputs, where, own) =>
            (await spec.guard?.(host, inputs, where, own)) ??
            forwardDropProblem(
                host,
                inputs.firewall ?? (await chooseFirewall(host, undefined)) ?? "iptables",
                spec.rules(inputs, {})[0].family,
                inputs.acceptForward,
                where,
            ),

        // The machine's backend, filled in where it is not the default, so preview shows it and the
        // resource keeps it: a choice made before stays (a machine that gains iptables later moves nothing).
        async complete(host, olds, news) {
            const given = news.firewall ?? (olds.firewall !== UNKNOWN ? olds.firewall : undefined);
            if (given === UNKNOWN) {
                return { inputs: news };
            }
            const name = await chooseFirewall(host, given as FirewallName | undefined);
            if (name === undefined) {
                return { failure: { property: "", reason: `${host.description}: ${NO_FIREWALL}` } };
            }
            const problem = news.connection === undefined ? localHostProblem(backendFor(host, name).tools) : undefined;
            if (problem) {
                return { failure: { property: "", reason: problem } };
            }
            return { inputs: name === "nftables" || given !== undefined ? { ...news, firewall: name } : news };
        },

        async create(host, inputs) {
            const name = await chooseFirewall(host, inputs.firewall);
            if (name === undefined) {
                throw new Error(`${host.description}: ${NO_FIREWALL}`);
            }
            const backend = backendFor(host, name);
            const label = ownerLabel(inputs.ownerTag);
            // Two reads at once (over SSH, one round trip): the facts, and which families already hold a rule of this owner.
            const families = [...new Set(spec.rules(inputs, {}).map((r) => r.family))];
            const [found, survey] = await Promise.all([spec.lookUp?.(inputs, host, { wait: true }) ?? {}, backend.survey(families, label)]);
            const rules = spec.rules(inputs, found);
            if (inputs.adopt && survey.owned.size === 0 && backend.adopt) {
                // Each hand-made twin swapped for its owned rule, family by family, in one commit each.
                await backend.adopt(rules, label);
                return stateOf(inputs, found, rules, backend);
            }
            await backend.ensure(rules, label, survey);
            return stateOf(inputs, found, rules, backend);
        },

        async observe(host, state) {
            const backend = backendFor(host, recorded(state));
            const expected = spec.rules(state, state.facts);
            const present = (await backend.check(expected, ownerLabel(state.ownerTag))).filter(Boolean).length;
            if (present === 0) {
                return { found: "gone" };
            }
            // A fact found since create (the target's network made after the forward) is drift too.
            const fresh = await lookUpAgain(state, host, state.facts);
            // Drifted: only some of the rules are there, or a fact changed.
            return { found: "ours", live: state, drifted: !(present === expected.length && sameFacts(fresh, state.facts)) };
        },

        // Fields that change rules replace the resource: an update repairs drift, stores new
        // credentials, or moves the rules to another backend (new ones in before the old go).
        async update(host, live, inputs) {
            const label = ownerLabel(live.ownerTag);
            const before = backendFor(host, recorded(live));
            const after = backendFor(host, inputs.firewall ?? recorded(live));
            const found = await lookUpAgain(inputs, host, live.facts);
            const rules = spec.rules(inputs, found);
            await after.ensure(rules, label);
            const stale = spec.rules(live, live.facts);
            if (before.name !== after.name) {
                await before.remove(stale, label);
            } else {
                const wanted = new Set(rules.map((r) => after.format(r, label)));
                await after.remove(
                    stale.filter((r) => !wanted.has(after.format(r, label))),
                    label,
                );
            }
            return stateOf({ ...inputs, ownerTag: live.ownerTag }, found, rules, after);
        },

        // By exact rule, owner mark included: a replacement's rules (same owner, other rule) stay.
        async remove(host, state) {
            await backendFor(host, recorded(state)).remove(spec.rules(state, state.facts), ownerLabel(state.ownerTag));
        },

        // The rules as data, put back at boot in the form of the backend that holds them.
        boot: (state) => firewallEntry(recorded(state), spec.rules(state, state.facts), ownerLabel(state.ownerTag)),
    });
}
