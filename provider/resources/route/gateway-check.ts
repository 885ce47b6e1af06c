// A plan check said at preview: a Route's gateway must lie on a network its namespace has (on the
// machine) or is given by this run (a VethPair's addresses), or `up` would wait for it in vain.
import { isIPv4 } from "node:net";
import { connectionOf, machineOf } from "../../../shared/machine";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { cidrContains, ipBytes } from "../../schemas/addresses";
import { declaredIn } from "../common/declared-networks";
import type { RouteInputs } from "./schema";

/** A network a namespace has or is given, and what gives it. */
export interface KnownNetwork {
    cidr: string;
    by: string;
}

/** "192.168.1.10/24" -> "192.168.1.0/24". */
export function networkOf(cidr: string): string {
    const [address, prefixText] = cidr.split("/");
    const prefix = Number(prefixText);
    const bytes = ipBytes(address).map((b, i) => {
        const bits = Math.max(0, Math.min(8, prefix - i * 8));
        return b & ((0xff << (8 - bits)) & 0xff);
    });
    const text = isIPv4(address)
        ? bytes.join(".")
        : Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16))
              .join(":")
              .replace(/(^|:)0(:0)+(:|$)/, "::");
    return `${text}/${prefix}`;
}

/**
 * Why the gateway can never be reached, naming the networks the namespace does have; nothing when
 * it lies on one of them, when the Route names its device, or when nothing is known of the
 * namespace yet (its addresses may come from a resource checked later).
 */
export function gatewayOffNetwork(r: RouteInputs, networks: readonly KnownNetwork[]): { property: string; reason: string } | undefined {
    const via = r.via;
    if (!via || r.device || !r.namespace || via.toLowerCase().startsWith("fe80:") || networks.length === 0) {
        return undefined;
    }
    if (networks.some((n) => cidrContains(n.cidr, via))) {
        return undefined;
    }
    const has = [...new Set(networks.map((n) => `${networkOf(n.cidr)} (${n.by})`))].join(", ");
    return {
        property: "via",
        reason:
            `the gateway ${via} lies on no network namespace ${r.namespace} has: it has ${has}. ` +
            `Correct \`via\`, or give ${r.namespace} an address on the gateway's network (a VethPair's \`addresses\`)`,
    };
}

/** The networks the resources of this run checked so far give namespace `r.namespace`. */
export const givenNetworks = (r: RouteInputs): KnownNetwork[] =>
    r.namespace ? declaredIn(machineOf(connectionOf(r as Record<string, unknown>)), r.namespace).map((d) => ({ cidr: d.cidr, by: d.by })) : [];

/** The networks namespace `r.namespace` has on the machine and is given by this run, then the judgement. */
export async function gatewayCheck(host: Host, r: RouteInputs): Promise<{ property: string; reason: string } | undefined> {
    if (!r.via || r.device || !r.namespace) {
        return undefined;
    }
    const given = givenNetworks(r);
    const onMachine = ((await new IpClient(host).namespaceAddresses(r.namespace)) ?? [])
        .filter((a) => a.scope === "global")
        .map((a) => ({ cidr: a.cidr, by: "on the machine" }));
    return gatewayOffNetwork(r, [...given, ...onMachine]);
}
