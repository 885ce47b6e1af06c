// The networks the resources of this run are about to make, as their checks saw them: a resource
// that waits for a network another resource of the same `up` is still making (a PortForward's
// target) waits only while one of them declares it, not for a network nothing here will make.
import { cidrContains } from "../../schemas/addresses";

const declared = new Set<string>();

/** Records addresses with prefix ("192.168.1.1/24") a resource of this run will put on the machine. */
export function declareNetworks(cidrs: readonly string[]): void {
    for (const cidr of cidrs) {
        declared.add(cidr);
    }
}

/** True when a resource of this run declared an address whose network holds `address`. */
export const declaredNetworkHolds = (address: string): boolean => [...declared].some((cidr) => cidrContains(cidr, address));
