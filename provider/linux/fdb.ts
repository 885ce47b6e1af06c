// The forwarding database entries that make a VXLAN link's remote ends (`bridge fdb`): one
// all-zeros entry per remote, so broadcast and unknown traffic goes to every remote (head-end
// replication). Pure: argv builders and the parser of `bridge -j fdb show`.
import { z } from "zod";

/** The MAC address of the entries that stand for "every destination". */
export const ALL_ZEROS = "00:00:00:00:00:00";

/** Equivalent to: `bridge fdb append 00:00:00:00:00:00 dev NAME dst REMOTE`. */
export const fdbAppend = (name: string, remote: string): string[] => ["bridge", "fdb", "append", ALL_ZEROS, "dev", name, "dst", remote];

/** Equivalent to: `bridge fdb del 00:00:00:00:00:00 dev NAME dst REMOTE`. */
export const fdbDelete = (name: string, remote: string): string[] => ["bridge", "fdb", "del", ALL_ZEROS, "dev", name, "dst", remote];

/** Equivalent to: `bridge -j fdb show dev NAME`. */
export const fdbShow = (name: string): string[] => ["bridge", "-j", "fdb", "show", "dev", name];

const entry = z.object({ mac: z.string(), dst: z.string().optional() });

/** The remotes of a VXLAN link: the destinations of its all-zeros entries, in kernel order. */
export function parseRemotes(stdout: string): string[] {
    const text = stdout.trim();
    const entries = text === "" ? [] : z.array(entry).parse(JSON.parse(text));
    return entries.flatMap((e) => (e.mac === ALL_ZEROS && e.dst !== undefined ? [e.dst] : []));
}
