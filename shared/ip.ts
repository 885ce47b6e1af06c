// Pure address arithmetic both the SDK and the provider use: no zod and no processes, so a
// program's `require("pulumi-netns")` loads it without loading the provider.
import { isIPv4, isIPv6 } from "node:net";

export const isIp = (s: string): boolean => !s.includes("%") && (isIPv4(s) || isIPv6(s));

/** The kernel's spelling of an address: IPv6 compressed and lower-case, IPv4 as is. */
export function canonicalIp(ip: string): string {
    return isIPv6(ip) ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

export function splitCidr(s: string): { ip: string; prefix: number } | undefined {
    const m = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(s);
    if (!m || !isIp(m[1])) {
        return undefined;
    }
    const prefix = Number(m[2]);
    return prefix <= (isIPv4(m[1]) ? 32 : 128) ? { ip: m[1], prefix } : undefined;
}

/** "192.168.1.10/24" in the kernel's spelling, for comparing with what `ip -j addr` reports. */
export function canonicalCidr(cidr: string): string {
    const parts = splitCidr(cidr);
    return parts ? `${canonicalIp(parts.ip)}/${parts.prefix}` : cidr;
}

/** True when every host bit is zero: "192.168.1.0/24", not "192.168.1.5/24". */
export function isNetwork(s: string): boolean {
    const parts = splitCidr(s);
    if (!parts) {
        return false;
    }
    const bytes = ipBytes(parts.ip);
    for (let bit = parts.prefix; bit < bytes.length * 8; bit++) {
        if (bytes[bit >> 3] & (0x80 >> (bit & 7))) {
            return false;
        }
    }
    return true;
}

/** The address as bytes, 4 for IPv4, 16 for IPv6. */
export function ipBytes(ip: string): number[] {
    if (isIPv4(ip)) {
        return ip.split(".").map(Number);
    }
    // The canonical form has no embedded dotted quad: "::ffff:1.2.3.4" becomes "::ffff:102:304".
    const [head, tail = ""] = canonicalIp(ip).split("::");
    const groups = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
    const h = groups(head);
    const t = groups(tail);
    const words = [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
    return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** True when `ip` lies inside the network `cidr` (same family, same leading prefix bits). */
export function cidrContains(cidr: string, ip: string): boolean {
    const [network, prefixText] = cidr.split("/");
    if (!isIp(network) || !isIp(ip) || isIPv4(network) !== isIPv4(ip)) {
        return false;
    }
    return sameLeadingBits(network, ip, Number(prefixText));
}

/** True when two addresses of one family agree in their first `prefix` bits. */
export function sameLeadingBits(a: string, b: string, prefix: number): boolean {
    const x = ipBytes(a);
    const y = ipBytes(b);
    for (let bit = 0; bit < prefix; bit++) {
        const mask = 0x80 >> (bit & 7);
        if ((x[bit >> 3] & mask) !== (y[bit >> 3] & mask)) {
            return false;
        }
    }
    return true;
}

const toBig = (ip: string): bigint => ipBytes(ip).reduce((n, b) => (n << 8n) | BigInt(b), 0n);

function fromBig(n: bigint, v4: boolean): string {
    const length = v4 ? 4 : 16;
    const bytes = Array.from({ length }, (_, i) => Number((n >> BigInt(8 * (length - 1 - i))) & 0xffn));
    if (v4) {
        return bytes.join(".");
    }
    const words = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
    return canonicalIp(words.join(":"));
}

/** The subnet's base and size: "192.168.1.0/24" -> base 192.168.1.0, 256 addresses. */
export function span(cidr: string): { base: bigint; size: bigint; v4: boolean } {
    const [ip, prefix] = cidr.split("/");
    const v4 = isIPv4(ip);
    return { base: toBig(ip), size: 1n << BigInt((v4 ? 32 : 128) - Number(prefix)), v4 };
}

/** The host number of `ip` in `cidr`, or undefined when it is outside. */
export function hostNumber(cidr: string, ip: string): bigint | undefined {
    const { base, size, v4 } = span(cidr);
    if (isIPv4(ip) !== v4) {
        return undefined;
    }
    const n = toBig(ip) - base;
    return n >= 0n && n < size ? n : undefined;
}

/** The address with host number `n` in `cidr`. */
export const addressAt = (cidr: string, n: bigint): string => fromBig(span(cidr).base + n, span(cidr).v4);

/** The gateway: the first host address, held by the bridge. */
export const gatewayOf = (cidr: string): string => addressAt(cidr, 1n);
