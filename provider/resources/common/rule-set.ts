// The shared lifecycle of resources made of iptables rules (MasqueradeRule, PortForward): every
// rule carries the resource's owner comment; read and delete find rules by it, never by position.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { Host, HostResolver } from "../../host/host";
import { type Rule, formatRule } from "../../linux/iptables-argv";
import { IptablesClient } from "../../linux/iptables-client";
import { forwardDropChains, listRuleset } from "../../linux/nft-json";
import { checkInputs, parseInputs } from "./check";
import { ownerLabel } from "./owner";
import { forResource } from "./resource-error";
import { runTransaction } from "./steps";
import { UNKNOWN } from "./unknown";

/** Facts looked up on the host, kept in state so later rules match; a fact not found is absent. */
export type Resolved = Record<string, string>;

export interface RuleSetKind<I extends { connection?: unknown }> {
    kind: string;
    schema: z.ZodType<I>;
    /** A short human name for errors, e.g. "tcp 5000 -> 192.168.1.10:5000". */
    describe(inputs: I): string;
    /**
     * Looks up what the rules depend on besides the inputs (e.g. the target's subnet). With `wait`
     * (at create), it may wait a bounded time for a fact another resource is about to make.
     */
    resolve?(inputs: I, host: Host, options: { wait: boolean }): Promise<Resolved>;
    /** The rules this resource stands for, each tagged with `label`. */
    rules(inputs: I, label: string, resolved: Resolved): Rule[];
    diff(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult;
}

export interface RuleSetState {
    ownerTag: string;
    resolved: Resolved;
    /** The main rule, as typed on a command line. */
    ruleSpec: string;
    /** Every rule the resource owns. */
    rules: string[];
    /** False when read found only some of the rules: the next update puts the rest back. */
    inSync: boolean;
}

const sameResolved = (a: Resolved, b: Resolved): boolean =>
    JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export function ruleSetProvider<I extends { connection?: unknown }>(
    spec: RuleSetKind<I>, resolveHost: HostResolver,
): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(spec.schema, spec.kind, props);
    const client = (state: { connection?: unknown }) => new IptablesClient(resolveHost(state.connection));

    const stateOf = (inputs: I, ownerTag: string, resolved: Resolved, rules: Rule[]): I & RuleSetState => ({
        ...inputs, ownerTag, resolved, ruleSpec: formatRule(rules[0]), rules: rules.map(formatRule), inSync: true,
    });

    /**
     * The facts as the host has them now, where it has them: a fact missing now (the target's network
     * down for a moment) keeps its recorded value, so a passing outage never drops a rule.
     */
    async function lookUpAgain(inputs: I, host: Host, recorded: Resolved): Promise<Resolved> {
        return { ...recorded, ...((await spec.resolve?.(inputs, host, { wait: false })) ?? {}) };
    }

    /** How many of the rules the kernel holds, each matched exactly (owner comment included). */
    async function countPresent(ipt: IptablesClient, rules: Rule[]): Promise<number> {
        let count = 0;
        for (const rule of rules) {
            count += (await ipt.exists(rule)) ? 1 : 0;
        }
        return count;
    }

    /** Appends the rules that are missing; a rule already there is ours (same spec, same owner). */
    async function ensureAll(ipt: IptablesClient, rules: Rule[]): Promise<void> {
        await runTransaction(rules.map((rule) => ({
            name: `append ${formatRule(rule)}`,
            run: async () => { if (!(await ipt.exists(rule))) { await ipt.append(rule); } },
            undo: async () => { await ipt.delete(rule); },
        })));
    }

    /**
     * Why the traffic would be dropped on `where`, or undefined: the iptables FORWARD policy is DROP
     * (as Docker sets it), unless acceptForward answers it; or a native nftables forward chain drops
     * by default, which no iptables ACCEPT can answer (each base chain has its own verdict).
     */
    async function forwardDropProblem(host: Host, inputs: I, where: string): Promise<string | undefined> {
        const [first] = spec.rules(inputs, "", {});
        const acceptForward = (inputs as { acceptForward?: boolean }).acceptForward;
        const nft = await host.run(listRuleset()).then((r) => (r.exitCode === 0 ? r.stdout : ""), () => "");
        const chains = nft ? forwardDropChains(nft, first.family) : [];
        if (chains.length > 0 && acceptForward !== false) {
            return `the nftables chain ${chains.map((c) => `"${c}"`).join(", ")} on ${where} drops forwarded traffic ` +
                "by default, so this traffic would be dropped there whatever iptables accepts: add an accept rule " +
                "for it to that chain, then set acceptForward: false";
        }
        if (acceptForward !== undefined) {
            return undefined;
        }
        const policy = await new IptablesClient(host).policy(first.family, "filter", "FORWARD").catch(() => undefined);
        return policy !== "DROP" ? undefined : `the FORWARD chain on ${where} drops by default (as Docker sets it), ` +
            "so this traffic would be dropped: set acceptForward: true to add ACCEPT rules owned by this resource, " +
            "or false if your own rules accept it";
    }

    return {
        check: async (_olds, news) => {
            const result = checkInputs(spec.schema, news, ["iptables", "iptables-save"]);
            if (result.failures?.length || news.acceptForward === false || news.connection !== undefined) {
                return result;
            }
            // The owner tag is unknown at a new stack's first preview; it plays no part in this judgement.
            const parsed = spec.schema.safeParse(news.ownerTag === UNKNOWN ? { ...news, ownerTag: "000000000000" } : news);
            if (!parsed.success) {
                return result; // values still unknown in preview: judged at up
            }
            const reason = await forwardDropProblem(resolveHost(undefined), parsed.data, "this machine");
            return reason ? { inputs: result.inputs, failures: [{ property: "acceptForward", reason }] } : result;
        },

        diff: async (_id, olds, news) => spec.diff(olds, news),

        create: async (props) => {
            const inputs = parse(props);
            const { ownerTag } = inputs as I & { ownerTag: string };
            const host = resolveHost(inputs.connection);
            const outs = await forResource(spec.kind, spec.describe(inputs), async () => {
                // A remote machine is not dialled at preview: its FORWARD policy is judged here instead.
                if (inputs.connection !== undefined) {
                    const problem = await forwardDropProblem(host, inputs, host.description);
                    if (problem) {
                        throw new Error(`acceptForward: ${problem}`);
                    }
                }
                const resolved = (await spec.resolve?.(inputs, host, { wait: true })) ?? {};
                const rules = spec.rules(inputs, ownerLabel(ownerTag), resolved);
                await ensureAll(new IptablesClient(host), rules);
                return stateOf(inputs, ownerTag, resolved, rules);
            });
            return { id: ownerLabel(ownerTag), outs };
        },

        read: async (id, props) => {
            const state = props as I & RuleSetState;
            const inputs = parse(props);
            const label = ownerLabel(state.ownerTag);
            const expected = spec.rules(inputs, label, state.resolved ?? {});
            const host = resolveHost(state.connection);
            const found = await countPresent(new IptablesClient(host), expected);
            if (found === 0) {
                return {};
            }
            // A fact found since create (the target's network made after the forward) is drift too.
            const fresh = await lookUpAgain(inputs, host, state.resolved ?? {});
            const inSync = found === expected.length && sameResolved(fresh, state.resolved ?? {});
            return { id, props: { ...state, inSync } };
        },

        update: async (_id, olds, news) => {
            // Fields that change rules replace the resource; an update repairs drift (rules missing, or a
            // looked-up fact that changed) or stores new credentials.
            const state = olds as I & RuleSetState;
            const inputs = parse(news);
            const label = ownerLabel(state.ownerTag);
            const host = resolveHost(inputs.connection);
            const ipt = new IptablesClient(host);
            const outs = await forResource(spec.kind, spec.describe(inputs), async () => {
                const resolved = await lookUpAgain(inputs, host, state.resolved ?? {});
                const rules = spec.rules(inputs, label, resolved);
                await ensureAll(ipt, rules);
                const wanted = new Set(rules.map(formatRule));
                for (const stale of spec.rules(parse(olds), label, state.resolved ?? {})) {
                    if (!wanted.has(formatRule(stale))) {
                        await ipt.delete(stale);
                    }
                }
                return stateOf(inputs, state.ownerTag, resolved, rules);
            });
            return { outs };
        },

        delete: async (_id, props) => {
            const state = props as I & RuleSetState;
            const inputs = parse(props);
            const label = ownerLabel(state.ownerTag);
            const ipt = client(state);
            // By exact spec, owner comment included: a replacement's rules (same owner, other spec) stay.
            await forResource(spec.kind, spec.describe(inputs), async () => {
                for (const rule of spec.rules(inputs, label, state.resolved ?? {})) {
                    await ipt.delete(rule);
                }
            });
        },
    };
}
