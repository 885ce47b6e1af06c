// Who holds a lock file, for the message of a wait that ran out: the process /proc/locks names for
// the file's inode, with its user and command line (machine text: through the printable filter).
import type { Host } from "../host/host";
import { printable } from "../host/limits";

/** Equivalent to: `stat -c %i LOCK; cat /proc/locks` in one process. */
export const locksArgv = (lock: string): string[] => ["sh", "-c", `stat -c 'inode %i' -- "$1" && cat /proc/locks`, "pulumi-netns-locks", lock];

/** Equivalent to: `ps -o user=,args= -p PID`. */
export const processArgv = (pid: number): string[] => ["ps", "-o", "user=,args=", "-p", String(pid)];

/**
 * The processes holding (not waiting for) a lock on the inode, from `inode N` then /proc/locks
 * lines such as `1: FLOCK  ADVISORY  WRITE 4242 00:1a:77 0 EOF` (waiters are marked `->`).
 */
export function holdersOf(text: string): number[] {
    const inode = /^inode (\d+)$/m.exec(text)?.[1];
    if (inode === undefined) {
        return [];
    }
    const pids = new Set<number>();
    for (const line of text.split("\n")) {
        const m = /^\d+:\s+(?!->)\S+\s+\S+\s+\S+\s+(\d+)\s+[0-9a-f]+:[0-9a-f]+:(\d+)\s/.exec(line);
        if (m && m[2] === inode) {
            pids.add(Number(m[1]));
        }
    }
    return [...pids];
}

/** "process 4242 (user nobody: flock -x /run/pulumi-netns/switches.lock sleep 60)", or why it is not known. */
export async function lockHolder(host: Host, lock: string): Promise<string> {
    const listed = await host.run(locksArgv(lock)).catch(() => undefined);
    const pids = listed?.exitCode === 0 ? holdersOf(listed.stdout) : [];
    if (pids.length === 0) {
        return "a process this machine's /proc/locks does not name (in another PID namespace, or gone since)";
    }
    const described = await Promise.all(
        pids.map(async (pid) => {
            const ps = await host.run(processArgv(pid)).catch(() => undefined);
            const [user, ...args] = (ps?.exitCode === 0 ? printable(ps.stdout.trim()) : "").split(/\s+/);
            return user ? `process ${pid} (user ${user}: ${args.join(" ").slice(0, 200)})` : `process ${pid}`;
        }),
    );
    return described.join(", ");
}
