// Picks the Host for a resource's `connection`: absent means this machine, otherwise the SSH
// host it names, one per machine and login for the whole provider process.
import { connection as connectionSchema, type Connection } from "../schemas/connection";
import type { Host } from "./host";
import { LocalHost } from "./local-host";
import { SshHost } from "./ssh/ssh-host";

let local: LocalHost | undefined;
const remotes = new Map<string, SshHost>();

/** What makes two connections the same session: machine, login, route, sudo; not the credentials. */
function sessionKey(c: Connection): string {
    const at = (e: { host: string; port?: number; user?: string }) => `${e.user ?? "root"}@${e.host}:${e.port ?? 22}`;
    return [at(c), c.proxy ? at(c.proxy) : "", c.sudo ? "sudo" : ""].join("|");
}

export function resolveHost(connection: unknown): Host {
    if (connection === undefined || connection === null) {
        return (local ??= new LocalHost());
    }
    const target = connectionSchema.parse(connection);
    const key = sessionKey(target);
    let host = remotes.get(key);
    if (!host) {
        host = new SshHost(target);
        remotes.set(key, host);
    }
    return host;
}
