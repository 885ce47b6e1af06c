// Schemas for IP addresses and prefixes, parsed strictly (no zones, no leading zeros).
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

export const isIp = (s: string): boolean => !s.includes("%") && (isIPv4(s) || isIPv6(s));

/** The kernel's spelling of an address: IPv6 compressed and lower-case, IPv4 as is. */
export function canonicalIp(ip: string): string {
    return isIPv6(ip) ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

function splitCidr(s: string): { ip: string; prefix: number } | undefined {
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

export const ipAddress = z.string().refine(isIp, "must be an IPv4 or IPv6 address such as 192.168.1.1");

/**
 * Why an address cannot be one machine's (a forward's target or front door), or undefined: the
 * unspecified address, the broadcast address and multicast groups name no single host.
 */
export function notOneHost(ip: string): string | undefined {
    if (!isIp(ip)) {
        return undefined;
    }
    const b = ipBytes(ip);
    if (b.every((x) => x === 0)) {
        return "is the unspecified address, which names no host";
    }
    if (isIPv4(ip) && b.every((x) => x === 255)) {
        return "is the broadcast address, which names no single host";
    }
    if ((isIPv4(ip) && b[0] >= 224 && b[0] <= 239) || (!isIPv4(ip) && b[0] === 0xff)) {
        return "is a multicast group, which names no single host";
    }
    return undefined;
}

/** An address of one host: not unspecified, broadcast or multicast. */
export const oneHostAddress = ipAddress.superRefine((ip, ctx) => {
    const problem = notOneHost(ip);
    if (problem) {
        ctx.addIssue({ code: "custom", message: `${problem}: give one machine's address, such as 192.168.1.10` });
    }
});

/** An address with its prefix length, as set on an interface: "192.168.1.1/24". */
export const interfaceAddress = z.string().refine((s) => {
    const parts = splitCidr(s);
    return parts !== undefined && parts.prefix > 0;
}, "must be an address with a prefix length such as 192.168.1.1/24");

/** True when every host bit is zero: "192.168.1.0/24", not "192.168.1.5/24". */
function isNetwork(s: string): boolean {
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

/** A network: "192.168.1.0/24" or "2001:db8::/64", host bits zero. */
export const networkCidr = z.string().refine(isNetwork, "must be a network with a prefix length and zero host bits, such as 192.168.1.0/24");

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

export const mtu = z.number().int("must be a whole number").min(68, "must be at least 68").max(65535, "must be at most 65535");

/** True when `ip` lies inside the network `cidr` (same family, same leading prefix bits). */
export function cidrContains(cidr: string, ip: string): boolean {
    const [network, prefixText] = cidr.split("/");
    if (!isIp(network) || !isIp(ip) || isIPv4(network) !== isIPv4(ip)) {
        return false;
    }
    const prefix = Number(prefixText);
    const a = ipBytes(network);
    const b = ipBytes(ip);
    for (let bit = 0; bit < prefix; bit++) {
        const mask = 0x80 >> (bit & 7);
        if ((a[bit >> 3] & mask) !== (b[bit >> 3] & mask)) {
            return false;
        }
    }
    return true;
}

/** The addresses an interface holds, "192.168.1.1/24" each; a set, so none twice. */
export const addressList = z
    .array(interfaceAddress)
    .default([])
    .refine((list) => new Set(list.map(canonicalCidr)).size === list.length, "must not list an address twice");
