// Schemas for IP addresses and prefixes, parsed strictly (no zones, no leading zeros).
import { isIPv4 } from "node:net";
import { z } from "zod";
import { canonicalCidr, canonicalIp, cidrContains, ipBytes, isIp, isNetwork, splitCidr } from "../../shared/ip";

export { canonicalCidr, canonicalIp, cidrContains, ipBytes, isIp };

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

/** A network: "192.168.1.0/24" or "2001:db8::/64", host bits zero. */
export const networkCidr = z.string().refine(isNetwork, "must be a network with a prefix length and zero host bits, such as 192.168.1.0/24");

export const mtu = z.number().int("must be a whole number").min(68, "must be at least 68").max(65535, "must be at most 65535");

/** The addresses an interface holds, "192.168.1.1/24" each; a set, so none twice. */
export const addressList = z
    .array(interfaceAddress)
    .default([])
    .refine((list) => new Set(list.map(canonicalCidr)).size === list.length, "must not list an address twice");
