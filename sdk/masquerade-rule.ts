// Source NAT for a subnet leaving the host: iptables -t nat POSTROUTING ... -j MASQUERADE.
import type * as pulumi from "@pulumi/pulumi";
import type { MasqueradeRuleInputs, MasqueradeRuleState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a MasqueradeRule: its fields and their documentation come from its schema. */
export type MasqueradeRuleArgs = ArgsOf<MasqueradeRuleInputs>;

/** Its outputs: every field of its state. */
export interface MasqueradeRule extends OutputsOf<MasqueradeRuleState> {}

/**
 * A MASQUERADE rule, tagged with an owner comment and found by it. Every field replaces it.
 *
 * ```ts
 * new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
 * ```
 */
export class MasqueradeRule extends NetnsResource {
    constructor(name: string, args: MasqueradeRuleArgs, opts?: pulumi.CustomResourceOptions) {
        super("MasqueradeRule", name, args, opts);
    }
}
