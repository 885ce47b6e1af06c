// Parses `iptables -S` listings.

/** The policy of a built-in chain from `iptables -S CHAIN` ("-P FORWARD DROP"). */
export function parsePolicy(listing: string): string | undefined {
    return /^-P \S+ (\S+)/m.exec(listing)?.[1];
}
