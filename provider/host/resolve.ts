// Picks the Host for a resource's `connection`: absent means this machine, otherwise an SSH host,
// one per machine and trust for the whole provider process.
import { createHash } from "node:crypto";
import { type Connection, connection as connectionSchema } from "../schemas/connection";
import type { Host, HostResolver } from "./host";
import { LocalHost } from "./local-host";
import type { OpenSocket } from "./ssh/dial";
import { SshHost } from "./ssh/ssh-host";
import { traced } from "./trace";

/**
 * What makes two connections the same session: the machine, login, route and sudo, and everything
 * that decides trust (the host key pin and the credentials). A session dialled for one resource is
 * never reused for a connection that pins another key or logs in otherwise: its pin would be skipped.
 */
export function sessionKey(c: Connection): string {
    const { dialErrorLimit: _a, perDialTimeout: _b, proxy, ...trust } = c;
    const { dialErrorLimit: _c, perDialTimeout: _d, ...proxyTrust } = proxy ?? {};
    const canonical = JSON.stringify([Object.entries(trust).sort(), Object.entries(proxyTrust).sort()]);
    return createHash("sha256").update(canonical).digest("hex");
}

/** Hosts by session key, for the life of the provider process. */
export function hostPool(openSocket?: OpenSocket): HostResolver {
    let local: Host | undefined;
    const remotes = new Map<string, Host>();
    return (connection: unknown): Host => {
        if (connection === undefined || connection === null) {
            local ??= traced(new LocalHost());
            return local;
        }
        const target = connectionSchema.parse(connection);
        const key = sessionKey(target);
        let host = remotes.get(key);
        if (!host) {
            host = traced(new SshHost(target, openSocket));
            remotes.set(key, host);
        }
        return host;
    };
}

export const resolveHost: HostResolver = hostPool();
