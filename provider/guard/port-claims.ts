// Pure: the host ports a machine already forwards, from `iptables-save -t nat` (or ip6tables-save):
// every DNAT rule of any chain (Docker's own chain included), ours by their owner comment.
import { OWNER_PREFIX } from "../resources/common/owner";

/** A host port some DNAT rule forwards. */
export interface PortClaim {
    /** The chain holding the rule: PREROUTING (clients), OUTPUT (the host itself), or a user chain (DOCKER). */
    chain: string;
    protocol: string;
    port: number;
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

/** Every DNAT rule with a single destination port, in any chain of the listing. */
export function parsePortClaims(listing: string): PortClaim[] {
    const claims: PortClaim[] = [];
    for (const line of listing.split("\n")) {
        const words = line.trim().split(/\s+/);
        if (words[0] !== "-A" || flag(words, "-j") !== "DNAT") {
            continue;
        }
        const port = flag(words, "--dport");
        if (!port || !/^\d+$/.test(port)) {
            continue;
        }
        const negated = words[words.indexOf("-d") - 1] === "!";
        const destination = negated ? undefined : flag(words, "-d")?.replace(/\/(32|128)$/, "");
        const comment = flag(words, "--comment");
        claims.push({
            chain: words[1],
            protocol: flag(words, "-p") ?? "tcp",
            port: Number(port),
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
            c.port === forward.port &&
            !(c.owner && own.includes(c.owner)) &&
            (c.hostAddress === undefined || forward.hostAddress === undefined || c.hostAddress === forward.hostAddress),
    );
    // One per owner: a forward of ours is two rules (PREROUTING and OUTPUT).
    return found.filter((c, i) => !c.owner || found.findIndex((d) => d.owner === c.owner) === i);
}

/** "the rule `-A DOCKER ...` (no pulumi-netns owner: Docker, a firewall or an admin)". */
export function describeClaim(c: PortClaim): string {
    return c.owner
        ? `a PortForward of another stack or resource (${c.owner}: \`${c.rule}\`)`
        : `the rule \`${c.rule}\` (no pulumi-netns owner: Docker, a firewall or an admin made it)`;
}
