// Pure: the host ports a machine already forwards, from `iptables-save -t nat` (or ip6tables-save):
// every DNAT rule of any chain (Docker's own chain included), ours by their owner comment.
import { printableLine } from "../host/limits";
import { OWNER_PREFIX } from "../linux/owner-marks";

/** Ports from..to, both included. */
export interface PortRange {
    from: number;
    to: number;
}

/** Host ports some DNAT rule forwards. */
export interface PortClaim {
    /** The chain holding the rule: PREROUTING (clients), OUTPUT (the host itself), or a user chain (DOCKER). */
    chain: string;
    protocol: string;
    /** The ports it matches: one, a range (`--dport 8000:9000`), a list (`-m multiport --dports 80,8080`), or all but some (`!`). */
    ports: PortRange[];
    /** The destination the rule matches (`-d`), without /32 or /128; absent: any local address. */
    hostAddress?: string;
    /** The owner label, "pulumi-netns:<tag>", when pulumi-netns made it. */
    owner?: string;
    /** The rule as iptables-save lists it, for messages. */
    rule: string;
}

/** Equivalent to: iptables-save -t nat (ip6tables-save for IPv6). */
export const saveNat = (family: 4 | 6): string[] => [family === 4 ? "iptables-save" : "ip6tables-save", "-t", "nat"];

const flag = (words: string[], name: string): string | undefined => {
    const i = words.indexOf(name);
    return i >= 0 ? words[i + 1]?.replace(/^"|"$/g, "") : undefined;
};

const ALL_PORTS: PortRange = { from: 1, to: 65535 };

/** `80`, `8000:9000`, `80,8080,6000:6010` as ranges; undefined when it is none of those. */
export function parsePorts(text: string): PortRange[] | undefined {
    const ranges: PortRange[] = [];
    for (const part of text.split(",")) {
        const m = /^(\d+)(?::(\d+))?$/.exec(part);
        if (!m) {
            return undefined;
        }
        const from = Number(m[1]);
        const to = Number(m[2] ?? m[1]);
        ranges.push(from <= to ? { from, to } : { from: to, to: from });
    }
    return ranges;
}

/** Every port the ranges leave out (`! --dport 22`: all but 22). */
function complement(ranges: PortRange[]): PortRange[] {
    const sorted = [...ranges].sort((a, b) => a.from - b.from);
    const out: PortRange[] = [];
    let next = ALL_PORTS.from;
    for (const r of sorted) {
        if (r.from > next) {
            out.push({ from: next, to: r.from - 1 });
        }
        next = Math.max(next, r.to + 1);
    }
    if (next <= ALL_PORTS.to) {
        out.push({ from: next, to: ALL_PORTS.to });
    }
    return out;
}

/**
 * The destination ports a rule matches (`--dport`, `--dports`, `--destination-port(s)`, negated or
 * not). A rule naming no port (a whole-address NAT) is left out, as before: it is no port forward.
 */
function destinationPorts(words: string[]): PortRange[] | undefined {
    const i = words.findIndex((w) => ["--dport", "--dports", "--destination-port", "--destination-ports"].includes(w));
    if (i < 0) {
        return undefined;
    }
    const ranges = parsePorts(words[i + 1] ?? "");
    return ranges && (words[i - 1] === "!" ? complement(ranges) : ranges);
}

/** Whether the claim takes `port`. */
export const claimsPort = (c: PortClaim, port: number): boolean => c.ports.some((r) => r.from <= port && port <= r.to);

/** Every DNAT rule of some destination ports, in any chain of the listing, with the ports it takes. */
export function parsePortClaims(listing: string): PortClaim[] {
    const claims: PortClaim[] = [];
    for (const line of listing.split("\n")) {
        const words = line.trim().split(/\s+/);
        if (words[0] !== "-A" || flag(words, "-j") !== "DNAT") {
            continue;
        }
        const ports = destinationPorts(words);
        if (!ports) {
            continue;
        }
        const negated = words[words.indexOf("-d") - 1] === "!";
        const destination = negated ? undefined : flag(words, "-d")?.replace(/\/(32|128)$/, "");
        const comment = flag(words, "--comment");
        claims.push({
            chain: words[1],
            protocol: flag(words, "-p") ?? "tcp",
            ports,
            ...(destination ? { hostAddress: destination } : {}),
            ...(comment?.startsWith(OWNER_PREFIX) ? { owner: comment } : {}),
            rule: line.trim(),
        });
    }
    return claims;
}

/** The claims that a forward of (protocol, port, hostAddress) would compete with; `own` (this resource's label) left out. */
export function competingClaims(
    claims: readonly PortClaim[],
    forward: { protocol: string; port: number; hostAddress?: string },
    own: readonly string[],
): PortClaim[] {
    const found = claims.filter(
        (c) =>
            c.protocol === forward.protocol &&
            claimsPort(c, forward.port) &&
            !(c.owner && own.includes(c.owner)) &&
            (c.hostAddress === undefined || forward.hostAddress === undefined || c.hostAddress === forward.hostAddress),
    );
    // One per owner: a forward of ours is two rules (PREROUTING and OUTPUT).
    return found.filter((c, i) => !c.owner || found.findIndex((d) => d.owner === c.owner) === i);
}

/** "the rule `-A DOCKER ...` (no pulumi-netns owner: Docker, a firewall or an admin)". */
export function describeClaim(c: PortClaim): string {
    const rule = printableLine(c.rule); // the machine's words
    return c.owner
        ? `a PortForward of another stack or resource (${printableLine(c.owner)}: \`${rule}\`)`
        : `the rule \`${rule}\` (no pulumi-netns owner: Docker, a firewall or an admin made it)`;
}
