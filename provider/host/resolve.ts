// Picks the Host for a resource's `connection`: absent means this machine.
import { connection as connectionSchema } from "../schemas/connection";
import type { Host } from "./host";
import { LocalHost } from "./local-host";

let local: LocalHost | undefined;

export function resolveHost(connection: unknown): Host {
    if (connection === undefined || connection === null) {
        return (local ??= new LocalHost());
    }
    const target = connectionSchema.parse(connection);
    throw new Error(`remote hosts are not supported yet (connection to ${target.host}); omit \`connection\``);
}
