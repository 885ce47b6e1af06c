// PortForward: a host port forwarded to an address inside a namespace, for clients outside the
// host, the host itself, and other namespaces on the target's network (hairpin).
import { isIPv6 } from "node:net";
import { portInUse } from "../../guard/judges";
import type { PortClaim } from "../../guard/port-claims";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { declaredNetworkHolds } from "../common/declared-networks";
import { eventually } from "../common/eventually";
import { type Facts, ruleSetKind } from "../common/rule-set";
import { portForwardRules, targetOf } from "./rules";
import { type PortForwardInputs, portForwardInputs } from "./schema";

/** How long a create waits for a resource of its run to declare the target's network (their checks come first). */
const DECLARE_GRACE_MS = 2000;

/**
 * The target's directly connected network, if the host has one: clients on it need the hairpin
 * masquerade. At create, a target no network holds yet is waited for a while when a Bridge or
 * VethPair of the same run declares a network holding it (the program may be creating it in
 * parallel), and not beyond a short grace when none does; read looks again, so a network made later
 * is put right by the next `pulumi up --refresh`.
 */
async function hairpinNetwork(p: PortForwardInputs, host: Host, { wait }: { wait: boolean }): Promise<Facts> {
    const ip = new IpClient(host);
    const known = async () => {
        const reach = await ip.reach(p.targetAddress);
        return reach.kind === "unreachable" ? undefined : reach;
    };
    const started = Date.now();
    const coming = () => Date.now() - started < DECLARE_GRACE_MS || declaredNetworkHolds(p.targetAddress);
    const reach = wait ? await eventually(known, undefined, coming) : await known();
    return reach?.kind === "on-link" ? { hairpinCidr: reach.network } : {};
}

/** With adopt: a hand-made DNAT of the same port to the same target is the rule this forward takes the place of. */
const adoptedClaim = (p: PortForwardInputs) => (c: PortClaim) => {
    const to = / --to-destination (\S+)/.exec(c.rule)?.[1];
    return c.owner === undefined && (to === targetOf(p) || (to === p.targetAddress && p.targetPort === p.hostPort));
};

export const portForwardKind = ruleSetKind({
    summary: "A host port forwarded (iptables DNAT) to an address inside a namespace.",
    inputs: portForwardInputs,
    // Every field changes the rules: a replacement adds its rules before the old ones go (no gap).
    fields: {
        hostPort: "replace",
        targetAddress: "replace",
        protocol: "replace",
        hostAddress: "replace",
        targetPort: "replace",
        inInterface: "replace",
        acceptForward: "replace",
        allowPortInUse: "update",
        // Another backend: the rules move (the new ones in before the old go).
        firewall: "update",
    },
    label: (p) => `${p.protocol} ${p.hostAddress ?? "*"}:${p.hostPort} -> ${targetOf(p)}`,
    lookUp: hairpinNetwork,
    // One host port, protocol and family per address (any address overlaps every address): only
    // the first matching rule would ever see a connection. iptables and ip6tables are separate.
    claims: {
        of: (p, machine) => [
            {
                key: `port|${machine}|${isIPv6(p.targetAddress) ? 6 : 4}|${p.protocol}|${p.hostPort}`,
                detail: p.hostAddress ?? "any address",
                wildcard: p.hostAddress === undefined,
            },
        ],
        property: "hostPort",
        describe: (own, other) =>
            `forwards ${own.key.split("|")[3]} port ${own.key.split("|")[4]} (${own.detail}), as PortForward "${other.name}" does (${other.detail}): ` +
            "only the first matching rule would ever see a connection; give one of them another hostPort",
    },
    guard: (host, inputs, where, own) => portInUse(host, inputs, where, { own, ...(inputs.adopt ? { adopts: adoptedClaim(inputs) } : {}) }),
    rules: portForwardRules,
});
