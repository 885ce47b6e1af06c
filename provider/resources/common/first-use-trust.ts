// Trust on first use for remote machines without `connection.hostKey`: the key the machine
// presented when the resource was created is kept in its state (`hostKeySeen`; the bastion's, when
// it has a `proxy` without a hostKey, in `proxyHostKeySeen`), and every later operation pins it, so
// a different key (another machine answering at that address) is refused before any command runs
// and before any password is sent, with both fingerprints and how to accept a key that changed on
// purpose. Trust is per machine, not per resource: a create on a machine whose key another resource
// of the stack recorded (the engine shows the provider each resource's state as it diffs, reads,
// updates or deletes it) is held to that key, not trusted anew.
import type * as pulumi from "@pulumi/pulumi";
import { connectionOf, machineOf } from "../../../shared/machine";
import type { HostResolver } from "../../host/host";
import { type MachineKeys, machineKeysOf } from "./machine-keys";

type Provider = pulumi.dynamic.ResourceProvider;
type Props = Record<string, unknown>;
type Endpoint = { host: string; port?: number; hostKey?: unknown } & Record<string, unknown>;

const proxyOf = (connection: Endpoint): Endpoint | undefined =>
    connection.proxy !== null && typeof connection.proxy === "object" ? (connection.proxy as Endpoint) : undefined;

/** The key an endpoint is held to: its own pin, the one this resource recorded, or the stack's for its machine. */
const keyFor = (e: Endpoint, seen: unknown, book?: MachineKeys): unknown => e.hostKey ?? (typeof seen === "string" ? seen : book?.get(machineOf(e)));

/** The props with the recorded keys pinned, where the user pinned none (the book: for a create). */
function pinned(props: Props, book?: MachineKeys): Props {
    const connection = connectionOf(props) as Endpoint | undefined;
    if (!connection) {
        return props;
    }
    const proxy = proxyOf(connection);
    const hostKey = keyFor(connection, props.hostKeySeen, book);
    const proxyKey = proxy && keyFor(proxy, props.proxyHostKeySeen, book);
    return {
        ...props,
        connection: {
            ...connection,
            ...(hostKey !== undefined ? { hostKey } : {}),
            ...(proxy ? { proxy: { ...proxy, ...(proxyKey !== undefined ? { hostKey: proxyKey } : {}) } } : {}),
        },
    };
}

/** Notes the keys a resource's state holds (or pins) for its machine and bastion. */
function remember(book: MachineKeys, props: Props | undefined): void {
    const connection = props && (connectionOf(props) as Endpoint | undefined);
    if (!connection) {
        return;
    }
    const proxy = proxyOf(connection);
    for (const [e, seen] of [
        [connection, props.hostKeySeen],
        [proxy, props.proxyHostKeySeen],
    ] as const) {
        const key = e && (typeof e.hostKey === "string" ? e.hostKey : seen);
        if (e && typeof key === "string") {
            book.set(machineOf(e), key);
        }
    }
}

export function firstUseTrust(inner: Provider, resolve: HostResolver): Provider {
    const book = machineKeysOf(resolve);

    /**
     * The outputs with the keys this resource's machine (and bastion) present now, asked of the
     * session the operation used (`used`: the props with the pins it was held to), never a new one.
     */
    async function withKeysSeen(outs: Props, props: Props, used: Props): Promise<Props> {
        const connection = connectionOf(props);
        if (!connection) {
            return outs;
        }
        const host = resolve(used.connection);
        const seen = await host.presentedHostKey?.();
        const proxySeen = connection.proxy ? await host.presentedProxyHostKey?.() : undefined;
        // The outputs keep the user's connection as given: the pins we add are not an input change.
        const recorded = {
            ...outs,
            connection: props.connection,
            ...(seen ? { hostKeySeen: seen } : {}),
            ...(proxySeen ? { proxyHostKeySeen: proxySeen } : {}),
        };
        remember(book, recorded);
        return recorded;
    }

    /** State as read back: the recorded keys kept (a bastion's recorded now if it had none: a stack made before). */
    async function keepingKeys(read: Props, props: Props): Promise<Props> {
        const kept = { ...read, connection: props.connection, hostKeySeen: props.hostKeySeen };
        if (typeof props.proxyHostKeySeen === "string") {
            return { ...kept, proxyHostKeySeen: props.proxyHostKeySeen };
        }
        return connectionOf(props)?.proxy ? withKeysSeen(kept, props, pinned(props)) : kept;
    }

    return {
        ...inner,
        diff:
            inner.diff &&
            ((id, olds, news) => {
                remember(book, olds);
                return inner.diff!(id, olds, news);
            }),
        create: async (inputs) => {
            // A new resource on a machine the stack already knows is held to the key recorded for it.
            const held = pinned(inputs, book);
            const result = await inner.create(held);
            return { ...result, outs: await withKeysSeen(result.outs ?? {}, inputs, held) };
        },
        read:
            inner.read &&
            (async (id, props) => {
                remember(book, props);
                const result = await inner.read!(id, pinned(props));
                return result.props ? { ...result, props: await keepingKeys(result.props, props) } : result;
            }),
        update:
            inner.update &&
            (async (id, olds, news) => {
                remember(book, olds);
                // The new inputs are held to the keys recorded before, unless they pin their own; a
                // bastion moved to another machine is held to the stack's key for that one, if any.
                const recorded = { ...news, hostKeySeen: olds.hostKeySeen, proxyHostKeySeen: sameBastion(olds, news) ? olds.proxyHostKeySeen : undefined };
                const held = pinned(recorded, book);
                const result = await inner.update!(id, pinned(olds), held);
                return { ...result, outs: await withKeysSeen(result.outs ?? {}, recorded, held) };
            }),
        delete:
            inner.delete &&
            ((id, props) => {
                remember(book, props);
                return inner.delete!(id, pinned(props));
            }),
    };
}

/** Whether two props reach their machine through the same bastion machine. */
function sameBastion(olds: Props, news: Props): boolean {
    const before = connectionOf(olds) as Endpoint | undefined;
    const after = connectionOf(news) as Endpoint | undefined;
    const a = before && proxyOf(before);
    const b = after && proxyOf(after);
    return a !== undefined && b !== undefined && machineOf(a) === machineOf(b);
}
