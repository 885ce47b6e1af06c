// Pure parts of a Network's plan: gateways, prefixes and the names of its members' veths.
import { createHash } from "node:crypto";
import { gatewayOf, isNetwork } from "../shared/ip";

export { gatewayOf };

/** Why `cidr` cannot be a Network's subnet of that family, or undefined: said before anything is planned from it. */
export function subnetProblem(field: string, cidr: string, family: 4 | 6): string | undefined {
    if (!isNetwork(cidr)) {
        return `${field} "${cidr}" must be a network with a prefix length and zero host bits, such as ${family === 4 ? "192.168.1.0/24" : "fd00:1::/64"}`;
    }
    if ((family === 6) !== cidr.includes(":")) {
        return `${field} "${cidr}" must be an IPv${family} network, such as ${family === 4 ? "192.168.1.0/24" : "fd00:1::/64"}`;
    }
    return undefined;
}

/** The prefix length of a network: "192.168.1.0/24" -> 24. */
export const prefixOf = (cidr: string): number => Number(cidr.split("/")[1]);

/**
 * The host end of a member's veth, derived from its namespace name within the kernel's 15
 * characters: "ve-ns1", or for a long name "ve-" + its first 7 characters + "-" + 4 hex of a hash
 * of the whole name, so two long names with the same start still differ.
 */
export function hostEndName(namespace: string): string {
    const plain = `ve-${namespace}`;
    if (plain.length <= 15) {
        return plain;
    }
    const hash = createHash("sha256").update(namespace).digest("hex").slice(0, 4);
    return `ve-${namespace.slice(0, 7)}-${hash}`;
}

/** The peer end, inside the member's own namespace: the same name in every namespace, as containers have. */
export const PEER_NAME = "eth0";
