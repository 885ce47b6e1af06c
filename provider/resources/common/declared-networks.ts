// The networks the resources of this run are about to make, as their checks saw them, with where
// they go (machine and namespace) and which resource makes them. A resource that waits for a network
// another resource of the same `up` is still making (a PortForward's target) waits only while one of
// them declares it; a Route's gateway is judged at preview against the networks its namespace has
// or is given.
import { cidrContains } from "../../schemas/addresses";

export interface Declaration {
    /** "192.168.1.10/24": an address with its prefix. */
    cidr: string;
    /** The machine (see host/machine.ts `machineOf`). */
    machine: string;
    /** Its namespace; absent = the host's own. */
    namespace?: string;
    /** What makes it: `VethPair "ceth0"`. */
    by: string;
}

const declared: Declaration[] = [];

/** Records addresses with prefix ("192.168.1.1/24") a resource of this run will put on a machine. */
export function declareNetworks(cidrs: readonly string[], where: Omit<Declaration, "cidr"> = { machine: "local", by: "a resource" }): void {
    for (const cidr of cidrs) {
        if (!declared.some((d) => d.cidr === cidr && d.machine === where.machine && d.namespace === where.namespace && d.by === where.by)) {
            declared.push({ cidr, ...where });
        }
    }
}

/** True when a resource of this run declared an address whose network holds `address`. */
export const declaredNetworkHolds = (address: string): boolean => declared.some((d) => cidrContains(d.cidr, address));

/** What this run declared in one namespace (or the host's own, with none) of one machine. */
export const declaredIn = (machine: string, namespace: string | undefined): readonly Declaration[] =>
    declared.filter((d) => d.machine === machine && d.namespace === namespace);
