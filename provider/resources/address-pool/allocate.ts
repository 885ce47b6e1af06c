// Pure: hands out addresses of a subnet to a network's members, keeping what each member already
// has. The gateway (the first host address) and, in IPv4, the network and broadcast addresses are
// never handed out; fixed addresses are reserved; a new member gets the lowest free address.
// In a dual-stack network a member's IPv6 address has the same host number as its IPv4 one.
import { addressAt, gatewayOf, hostNumber, span } from "../../../shared/ip";

export { addressAt, gatewayOf, hostNumber };

export interface Member {
    /** The member's key: its namespace name. */
    key: string;
    /** A fixed IPv4 address, if asked for. */
    address?: string;
}

export interface Allocation {
    ipv4: string;
    ipv6?: string;
}

/** A network's plan: its subnets and what each member holds. */
export interface Pool {
    subnet: string;
    subnet6?: string;
}

/** Host numbers that are never a member's: network, gateway, and in IPv4 the broadcast address. */
function reserved(cidr: string): Set<bigint> {
    const { size, v4 } = span(cidr);
    return new Set(v4 ? [0n, 1n, size - 1n] : [0n, 1n]);
}

export class PoolError extends Error {}

/**
 * Each member's addresses: kept where it had them (unless its fixed address changed), fixed where
 * asked, else the lowest free. Throws a PoolError saying which member cannot be served and why.
 */
export function allocate(pool: Pool, members: readonly Member[], before: Readonly<Record<string, Allocation>> = {}): Record<string, Allocation> {
    const { size } = span(pool.subnet);
    const taken = reserved(pool.subnet);
    const numbers = new Map<string, bigint>();
    const claim = (key: string, n: bigint, why: string) => {
        if (taken.has(n)) {
            throw new PoolError(`${key}: ${addressAt(pool.subnet, n)} ${why}`);
        }
        taken.add(n);
        numbers.set(key, n);
    };
    const keys = new Set<string>();
    for (const m of members) {
        if (keys.has(m.key)) {
            throw new PoolError(`${m.key} is attached twice`);
        }
        keys.add(m.key);
    }
    // Fixed addresses first, then what members already had, then the new ones.
    for (const m of members.filter((m) => m.address !== undefined)) {
        const n = hostNumber(pool.subnet, m.address!);
        if (n === undefined) {
            throw new PoolError(`${m.key}: ${m.address} is not in ${pool.subnet}`);
        }
        claim(m.key, n, "is the network's gateway, network or broadcast address, or another member's fixed address");
    }
    for (const m of members.filter((m) => m.address === undefined && before[m.key])) {
        const n = hostNumber(pool.subnet, before[m.key].ipv4);
        if (n !== undefined && !taken.has(n)) {
            claim(m.key, n, "");
        }
    }
    let next = 0n;
    for (const m of members.filter((m) => !numbers.has(m.key))) {
        while (next < size && taken.has(next)) {
            next++;
        }
        if (next >= size) {
            throw new PoolError(`no free address left in ${pool.subnet} for ${m.key}`);
        }
        claim(m.key, next, "");
    }
    return Object.fromEntries(
        members.map((m) => {
            const n = numbers.get(m.key)!;
            const ipv6 = pool.subnet6 !== undefined && n < span(pool.subnet6).size ? addressAt(pool.subnet6, n) : undefined;
            return [m.key, { ipv4: addressAt(pool.subnet, n), ...(ipv6 ? { ipv6 } : {}) }];
        }),
    );
}
