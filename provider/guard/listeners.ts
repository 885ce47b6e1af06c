// Pure: which of the sockets a machine listens on (linux/ss-listeners.ts) a port forward would
// take the traffic of. Docker refuses `-p` on a port already allocated; so do we.
import { isIPv4, isIPv6 } from "node:net";
import { printableLine } from "../host/limits";
import type { Listener } from "../linux/ss-listeners";

export { type Listener, listListeners, parseListeners } from "../linux/ss-listeners";

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
