// The path every kind's results take back to the engine. A create is finished only when the engine
// can record what it made: if its outputs cannot be recorded, the create is undone by the kind's
// own (exact, idempotent) delete before the error is returned, so nothing is left unowned.
import type * as pulumi from "@pulumi/pulumi";
import { recordable } from "./recordable";

type Provider = pulumi.dynamic.ResourceProvider;

export function recordedProvider(kind: string, inner: Provider, toRecord = recordable): Provider {
    return {
        ...inner,
        create: async (inputs) => {
            const result = await inner.create(inputs);
            try {
                return { id: result.id, outs: toRecord(result.outs ?? {}) };
            } catch (err) {
                const undo = await Promise.resolve(inner.delete?.(result.id, result.outs ?? {})).then(
                    () => "",
                    (undoErr: Error) => `\nundoing the create failed too: ${undoErr.message}`,
                );
                throw new Error(`${kind}: ${(err as Error).message}${undo}`, { cause: err });
            }
        },
        read:
            inner.read &&
            (async (id, props) => {
                const result = await inner.read!(id, props);
                return result.props ? { ...result, props: toRecord(result.props) } : result;
            }),
        update:
            inner.update &&
            (async (id, olds, news) => {
                const result = await inner.update!(id, olds, news);
                return { ...result, outs: toRecord(result.outs ?? {}) };
            }),
    };
}
