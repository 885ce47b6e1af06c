// Pure: the sockets a machine listens on, from `ss -Hltunp`, and which of them a port forward
// would take the traffic of. Docker refuses `-p` on a port already allocated; so do we.
import { isIPv4, isIPv6 } from "node:net";
import { printableLine } from "../host/limits";

/** One listening socket. */
export interface Listener {
    protocol: "tcp" | "udp";
    /** The local address as ss prints it without brackets or zone: "0.0.0.0", "::", "*", "198.51.100.2". */
    address: string;
    port: number;
    /** The process names holding it ("sshd"); empty when ss could not see them. */
    processes: string[];
    /** The local endpoint as ss printed it, for messages: "0.0.0.0:22", "[::]:22". */
    endpoint: string;
}

/** Equivalent to: ss -Hltunp (listening TCP and bound UDP sockets, numeric, with their processes). */
export const listListeners = (): string[] => ["ss", "-Hltunp"];

/**
 * One socket's line as ss starts it: netid, state (a listing has only LISTEN and UNCONN), the two
 * queues, the local and peer endpoints. A process name (at most 15 characters, any bytes) cannot
 * hold all of that, so a newline in a name never starts a line of its own.
 */
const SOCKET_LINE = /^(tcp|udp)\s+(?:LISTEN|UNCONN)\s+\d+\s+\d+\s+(\S+)\s+\S+/;

/**
 * Parses `ss -Hltunp`: `tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))`.
 * A line that does not start a socket continues the one before (a process name with a newline);
 * lines it cannot read are skipped.
 */
export function parseListeners(stdout: string): Listener[] {
    const records: { protocol: "tcp" | "udp"; endpoint: string; text: string }[] = [];
    for (const line of stdout.split("\n")) {
        const m = SOCKET_LINE.exec(line.trim());
        if (m) {
            records.push({ protocol: m[1] as "tcp" | "udp", endpoint: m[2], text: line });
        } else if (records.length > 0) {
            records[records.length - 1].text += `\n${line}`;
        }
    }
    const found: Listener[] = [];
    for (const { protocol, endpoint, text } of records) {
        const m = /^\[?(.*?)\]?:(\d+)$/.exec(endpoint);
        if (!m) {
            continue;
        }
        const address = m[1].split("%")[0];
        const processes = [...text.matchAll(/\("([\s\S]*?)",pid=\d+,fd=\d+\)/g)].map((p) => p[1]);
        found.push({ protocol, address, port: Number(m[2]), processes: [...new Set(processes)], endpoint });
    }
    return found;
}

const isLoopback = (address: string): boolean => address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
const isWildcard = (address: string): boolean => address === "*" || address === "0.0.0.0" || address === "::";

/**
 * Whether a DNAT of (protocol, port, hostAddress in `family`) takes connections `listener` would
 * otherwise receive. The forward matches any local address when `hostAddress` is absent, except
 * loopback (connections to 127.0.0.1 are not forwarded), so a listener on loopback alone keeps its
 * traffic. `*` and `::` (without IPV6_V6ONLY, `*`) listen for both families.
 */
export function takesTrafficOf(listener: Listener, forward: { protocol: string; port: number; hostAddress?: string; family: 4 | 6 }): boolean {
    if (listener.protocol !== forward.protocol || listener.port !== forward.port || isLoopback(listener.address)) {
        return false;
    }
    const { address } = listener;
    const sameFamily = address === "*" || (forward.family === 4 ? isIPv4(address) || address === "0.0.0.0" : isIPv6(address) && !address.startsWith("::ffff:"));
    if (!sameFamily) {
        return false;
    }
    return forward.hostAddress === undefined || isWildcard(address) || address === forward.hostAddress;
}

/** `"sshd" listening on tcp 0.0.0.0:22`, "a process (ss could not name it) ...": the machine's words made printable. */
export function describeListener(l: Listener): string {
    const who = l.processes.length > 0 ? l.processes.map((p) => `"${printableLine(p)}"`).join(", ") : "a process (ss could not name it)";
    return `${who} listening on ${l.protocol} ${printableLine(l.endpoint)}`;
}
