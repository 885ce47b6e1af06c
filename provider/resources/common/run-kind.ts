// The shared runner: turns a kind's definition into the dynamic provider the engine calls.
// It owns parsing (inputs and state through zod, never a cast), check and preflight, the diff
// derived from the field table, errors that name the resource, and the ownership protocol:
// read drops what is gone or not ours, update refuses it, delete leaves it alone.
import type * as pulumi from "@pulumi/pulumi";
import { connectionOf, machineOf } from "../../../shared/machine";
import type { Host, HostResolver } from "../../host/host";
import { handMadeObjects } from "../../import/hand-made";
import { existingFailures } from "./adopt";
import { checkInputs, parseInputs } from "./check";
import { stake } from "./claims";
import { declareNetworks } from "./declared-networks";
import { diffFields } from "./diff";
import type { CommonInputs, KindDefinition } from "./kind";
import { ownerLabel } from "./owner";
import { forResource, goneOnUpdate, notOurs } from "./resource-error";
import { containsUnknown, UNKNOWN } from "./unknown";

type Props = Record<string, unknown>;

/** The owner labels a resource's own objects carry: its recorded tag and its new one. */
const ownLabels = (olds: Props, news: Props): string[] => [
    ...new Set([olds.ownerTag, news.ownerTag].filter((t): t is string => typeof t === "string" && t !== UNKNOWN).map(ownerLabel)),
];

/**
 * Whether preview may read the machine: this one always; a remote one unless a password would go to
 * a machine whose key nothing pins, the target's or the bastion's (check sees the old inputs, not
 * the keys recorded at create).
 */
function readableAtPreview(connection: unknown): boolean {
    if (connection === undefined || connection === null) {
        return true;
    }
    const pinnedOrNoPassword = (e: Props) => e.hostKey !== undefined || e.password === undefined;
    const c = connection as Props;
    const proxy = c.proxy !== null && typeof c.proxy === "object" ? (c.proxy as Props) : undefined;
    return !containsUnknown(connection) && pinnedOrNoPassword(c) && (!proxy || pinnedOrNoPassword(proxy));
}

export function runKind<I extends CommonInputs, S extends I>(
    kind: string,
    def: KindDefinition<I, S>,
    resolveHost: HostResolver,
): pulumi.dynamic.ResourceProvider {
    const inputsOf = (props: Props) => parseInputs(def.inputs, kind, props);
    const stateOf = (props: Props) => parseInputs(def.state, kind, props);
    const hostOf = (x: { connection?: unknown }): Host => resolveHost(x.connection);
    const act = <T>(inputs: I, op: () => Promise<T>) => forResource(kind, def.label(inputs), op);
    /** The runner's drift field, for kinds that can drift: what observe found, not a field of the kind's state. */
    const inSync = (drifted: boolean) => (def.drifts ? { inSync: !drifted } : {});

    /** The judgement of the machine, as a check failure; values still unknown at preview are judged at up. */
    async function judged(olds: Props, news: Props) {
        const host = resolveHost(news.connection);
        const ofMachine = await def.judgeMachine?.(host);
        if (ofMachine) {
            return ofMachine;
        }
        // The owner tag is unknown at a new stack's first preview; it plays no part in a judgement.
        const parsed = def.inputs.safeParse(news.ownerTag === UNKNOWN ? { ...news, ownerTag: "000000000000" } : news);
        if (!parsed.success) {
            return undefined;
        }
        return def.judge?.(host, parsed.data, host.description, ownLabels(olds, news));
    }

    /** The resource's claims staked; a clash with another resource's, as a check failure naming both. */
    function staked(inputs: I, owner: string | undefined, resourceName: string | undefined) {
        const claims = def.claims!;
        const name = resourceName ?? def.label(inputs);
        const found = stake(name, owner, claims.of(inputs, machineOf(connectionOf(inputs as Props))));
        return found && { property: claims.property, reason: `${kind} "${name}" ${claims.describe(found.claim, found.other)}` };
    }

    /** What holds the resource's kernel name, as check failures: a clash, or with adopt each differing field. */
    async function existingJudged(olds: Props, news: Props) {
        if (!def.existing || containsUnknown(news)) {
            return [];
        }
        // The objects carry the tag recorded at create; a new stack's tag is unknown at its first preview.
        const tag = typeof olds.ownerTag === "string" ? olds.ownerTag : news.ownerTag === UNKNOWN ? "000000000000" : news.ownerTag;
        const parsed = def.inputs.safeParse({ ...news, ownerTag: tag });
        if (!parsed.success) {
            return [];
        }
        const host = resolveHost(news.connection);
        const found = await def.existing(host, parsed.data);
        return existingFailures(found, parsed.data.adopt, host.description, () => handMadeObjects(host));
    }

    return {
        // `resourceName`: the resource's Pulumi name, where the door knows it (the plugin, from the URN).
        check: async (olds, given, resourceName?: string) => {
            let news = given;
            let result = checkInputs(def.inputs, news, def.tools);
            if (def.complete && !result.failures?.length && readableAtPreview(news.connection)) {
                const host = resolveHost(news.connection);
                const completed = await (news.connection === undefined
                    ? def.complete(host, olds, news)
                    : def.complete(host, olds, news).catch(() => undefined));
                if (completed && "failure" in completed) {
                    return { inputs: news, failures: [completed.failure] };
                }
                result = completed ? { inputs: completed.inputs, failures: [] } : result;
                news = completed?.inputs ?? news;
            }
            // The owner tag is unknown at a new stack's first preview; it plays no part in what is declared.
            const known = news.ownerTag === UNKNOWN ? { ...news, ownerTag: "000000000000" } : news;
            if (def.declares && !containsUnknown(known)) {
                const parsed = def.inputs.safeParse(known);
                if (parsed.success) {
                    const { namespace } = parsed.data as { namespace?: string };
                    declareNetworks(def.declares(parsed.data), {
                        machine: machineOf(connectionOf(news)),
                        namespace,
                        by: `${kind} "${def.label(parsed.data)}"`,
                    });
                }
            }
            // Only where the door names the resource (the plugin): the TypeScript SDK makes the same
            // check in the program (sdk/sanity.ts), where both resources' names are known.
            if (def.claims && resourceName !== undefined && !result.failures?.length && !containsUnknown(known)) {
                const parsed = def.inputs.safeParse(known);
                const failure = parsed.success ? staked(parsed.data, news.ownerTag === UNKNOWN ? undefined : String(news.ownerTag), resourceName) : undefined;
                if (failure) {
                    return { inputs: result.inputs, failures: [failure] };
                }
            }
            // A connection another resource still computes is judged at create instead.
            if (result.failures?.length || !readableAtPreview(news.connection)) {
                return result;
            }
            // A remote machine that cannot be read now (not up yet, a key refused) is judged at create,
            // where the same error says what went wrong.
            if (def.judge || def.judgeMachine) {
                const failure = await (news.connection === undefined ? judged(olds, news) : judged(olds, news).catch(() => undefined));
                if (failure) {
                    return { inputs: result.inputs, failures: [failure] };
                }
            }
            // A machine that cannot be read now leaves the clash to create, which says it in the same words.
            const clashes = await existingJudged(olds, news).catch(() => []);
            return clashes.length > 0 ? { inputs: result.inputs, failures: clashes } : result;
        },

        diff: async (_id, olds, news) => {
            // Defaults live in the schema: compare what the inputs mean, not how they were spelled.
            const parsed = containsUnknown(news) ? undefined : def.inputs.safeParse(news);
            return diffFields(def.fields, olds, parsed?.success ? { ...news, ...parsed.data } : news, def.deleteFirst);
        },

        create: async (props) => {
            const inputs = inputsOf(props);
            const host = hostOf(inputs);
            const state = await act(inputs, async () => {
                const failure = inputs.connection !== undefined ? await def.judge?.(host, inputs, host.description, ownLabels({}, props)) : undefined;
                if (failure) {
                    throw new Error(`${failure.property}: ${failure.reason}`);
                }
                return def.create(host, inputs);
            });
            return { id: def.id(state), outs: { ...state, ...inSync(false) } };
        },

        read: async (id, props) => {
            const state = stateOf(props);
            const observed = await act(state, () => def.observe(hostOf(state), state));
            return observed.found === "ours" ? { id, props: { ...observed.live, ...inSync(observed.drifted === true) } } : {};
        },

        update: async (_id, olds, news) => {
            const state = stateOf(olds);
            const inputs = inputsOf(news);
            const host = hostOf(inputs);
            const outs = await act(inputs, async () => {
                const observed = await def.observe(host, state);
                if (observed.found !== "ours") {
                    throw goneOnUpdate(kind, def.label(inputs));
                }
                return def.update(host, observed.live, inputs, observed.drifted === true);
            });
            return { outs: { ...outs, ...inSync(false) } };
        },

        delete: async (_id, props) => {
            const state = stateOf(props);
            const host = hostOf(state);
            await act(state, async () => {
                const observed = await def.observe(host, state);
                if (observed.found === "not-ours") {
                    throw notOurs(kind, def.label(state), observed.owner);
                }
                if (observed.found === "ours") {
                    await def.remove(host, observed.live);
                }
            });
        },
    };
}
