// A machine reached for one piece of work outside the provider (a program's getHostNetwork, the
// graph CLI): this machine, or an SSH session of its own that is closed afterwards, so the calling
// process is not kept alive by it.
import { connection as connectionSchema } from "../schemas/connection";
import type { Host } from "./host";
import { LocalHost } from "./local-host";
import { SshHost } from "./ssh/ssh-host";

/** Runs `op` on the machine `connection` names (absent: this one); the connection is checked first. */
export async function onMachine<T>(connection: unknown, op: (host: Host) => Promise<T>): Promise<T> {
    const remote = connection === undefined || connection === null ? undefined : new SshHost(connectionSchema.parse(connection));
    try {
        return await op(remote ?? new LocalHost());
    } finally {
        await remote?.close();
    }
}
