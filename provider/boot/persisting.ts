// The layer that keeps a resource's entry of the boot plan current: written after every create and
// update, removed after delete, read back by refresh (an entry or unit removed or edited by hand is
// drift: the next `up` writes it again). State records the entry's digest as `bootPlan`; a stack
// made before the plan existed has none, and its next `up` writes each entry with one update.
// `persist: false` keeps a resource runtime-only (its entry is removed if it had one).
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../host/host";
import type { CommonInputs, KindDefinition } from "../resources/common/kind";
import { BootPlan, DRIFTED, OFF, written } from "./boot-plan";
import { entryText } from "./entry";

type Provider = pulumi.dynamic.ResourceProvider;
type Props = Record<string, unknown>;

const wanted = (props: Props): boolean => props.persist !== false;
const tagOf = (props: Props): string | undefined => (typeof props.ownerTag === "string" && /^[0-9a-f]{12}$/.test(props.ownerTag) ? props.ownerTag : undefined);

export function persisting<I extends CommonInputs, S extends I>(kind: string, def: KindDefinition<I, S>, inner: Provider, resolve: HostResolver): Provider {
    const boot = def.boot;
    if (!boot) {
        return inner;
    }
    const planOf = (props: Props) => new BootPlan(resolve(props.connection));

    /** The entry's text for a state, or undefined when the state cannot say (a programming error elsewhere). */
    const textOf = (outs: Props): string => {
        const state = def.state.safeParse(outs);
        if (!state.success) {
            throw new Error(`${kind}: its state does not parse, so its boot plan entry cannot be written: ${state.error.issues[0]?.message}`);
        }
        return entryText(boot(state.data));
    };

    /** Writes (or, runtime-only, removes) the entry for `outs`; the outputs with its mark. */
    async function record(outs: Props, props: Props, before: unknown): Promise<Props> {
        const tag = tagOf(outs) ?? tagOf(props);
        if (!tag) {
            return outs; // state from versions before owner tags: nothing names its entry
        }
        // The tag stays in state (a Route's schema has none): refresh and delete find the entry by it.
        if (!wanted(props)) {
            if (written(before)) {
                await planOf(props).drop(tag);
            }
            return { ...outs, ownerTag: tag, bootPlan: OFF };
        }
        return { ...outs, ownerTag: tag, bootPlan: await planOf(props).put(tag, textOf(outs)) };
    }

    return {
        ...inner,
        diff:
            inner.diff &&
            (async (id, olds, news) => {
                const result = await inner.diff!(id, olds, news);
                const mark = olds.bootPlan;
                const stale = wanted(news) ? mark === undefined || mark === DRIFTED || mark === OFF : written(mark);
                if (!stale || result.changes || !tagOf(olds)) {
                    return result;
                }
                return { ...result, changes: true };
            }),
        create: async (props) => {
            const result = await inner.create(props);
            try {
                return { ...result, outs: await record(result.outs ?? {}, props, undefined) };
            } catch (err) {
                // Nothing half made: the object goes when what brings it back could not be written.
                const undo = await Promise.resolve(inner.delete?.(result.id, result.outs ?? {})).then(
                    () => "",
                    (undoErr: Error) => `\nundoing the create failed too: ${undoErr.message}`,
                );
                throw new Error(`${kind}: writing its boot plan entry failed: ${(err as Error).message}${undo}`, { cause: err });
            }
        },
        update:
            inner.update &&
            (async (id, olds, news) => {
                const result = await inner.update!(id, olds, news);
                return { ...result, outs: await record(result.outs ?? {}, news, olds.bootPlan) };
            }),
        read:
            inner.read &&
            (async (id, props) => {
                const result = await inner.read!(id, props);
                const tag = tagOf(props);
                if (!result.props || !tag || props.bootPlan === undefined) {
                    return result;
                }
                const bootPlan = written(props.bootPlan) ? await planOf(props).mark(tag, props.bootPlan) : props.bootPlan;
                return { ...result, props: { ...result.props, ownerTag: tag, bootPlan } };
            }),
        delete:
            inner.delete &&
            (async (id, props) => {
                await inner.delete!(id, props);
                const tag = tagOf(props);
                if (tag && written(props.bootPlan)) {
                    await planOf(props).drop(tag);
                }
            }),
    };
}
