// Trust on first use for remote machines without `connection.hostKey`: the key the machine
// presented when the resource was created is kept in its state (`hostKeySeen`), and every later
// operation pins it, so a different key (another machine answering at that address) is refused
// before any command runs, with both fingerprints and how to accept a key that changed on purpose.
import type * as pulumi from "@pulumi/pulumi";
import { connectionOf } from "../../../shared/machine";
import type { HostResolver } from "../../host/host";

type Provider = pulumi.dynamic.ResourceProvider;
type Props = Record<string, unknown>;
/** The props with the recorded key pinned, where the user pinned none. */
function pinned(props: Props): Props {
    const connection = connectionOf(props);
    const seen = props.hostKeySeen;
    if (!connection || connection.hostKey !== undefined || typeof seen !== "string") {
        return props;
    }
    return { ...props, connection: { ...connection, hostKey: seen } };
}

export function firstUseTrust(inner: Provider, resolve: HostResolver): Provider {
    /** The outputs with the key this resource's machine presents now (absent for this machine). */
    async function withKeySeen(outs: Props, props: Props): Promise<Props> {
        const connection = connectionOf(props);
        if (!connection) {
            return outs;
        }
        const seen = await resolve(pinned(props).connection).presentedHostKey?.();
        // The outputs keep the user's connection as given: the pin we add is not an input change.
        return { ...outs, connection: props.connection, ...(seen ? { hostKeySeen: seen } : {}) };
    }

    return {
        ...inner,
        create: async (inputs) => {
            const result = await inner.create(inputs);
            return { ...result, outs: await withKeySeen(result.outs ?? {}, inputs) };
        },
        read:
            inner.read &&
            (async (id, props) => {
                const result = await inner.read!(id, pinned(props));
                return result.props ? { ...result, props: { ...result.props, connection: props.connection, hostKeySeen: props.hostKeySeen } } : result;
            }),
        update:
            inner.update &&
            (async (id, olds, news) => {
                // The new inputs are held to the key recorded before, unless they pin one themselves.
                const trusted = pinned({ ...news, hostKeySeen: olds.hostKeySeen });
                const result = await inner.update!(id, pinned(olds), trusted);
                return { ...result, outs: await withKeySeen(result.outs ?? {}, { ...news, hostKeySeen: olds.hostKeySeen }) };
            }),
        delete: inner.delete && ((id, props) => inner.delete!(id, pinned(props))),
    };
}
