// Source NAT for a subnet leaving the host: iptables -t nat POSTROUTING ... -j MASQUERADE.
import type * as pulumi from "@pulumi/pulumi";
import type { masqueradeRuleInputs } from "../provider/resources/masquerade-rule/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";

export interface MasqueradeRuleArgs extends CommonArgs {
    /** The subnet to masquerade, e.g. "192.168.1.0/24". */
    sourceCidr: pulumi.Input<string>;
    /** Only traffic NOT leaving by this interface (the seeds' `! -o br0`). */
    excludeOutInterface?: pulumi.Input<string>;
    /** Only traffic leaving by this interface. */
    outInterface?: pulumi.Input<string>;
    /**
     * Add ACCEPT rules to the FORWARD chain, owned and removed with this resource. Needed where
     * FORWARD drops by default (Docker hosts, firewalls); left absent there, preview says so.
     */
    acceptForward?: pulumi.Input<boolean>;
}
true satisfies ArgsMatch<MasqueradeRuleArgs, typeof masqueradeRuleInputs>;

/**
 * A MASQUERADE rule, tagged with an owner comment and found by it. Every field replaces it.
 *
 * ```ts
 * new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
 * ```
 */
export class MasqueradeRule extends NetnsResource {
    declare readonly sourceCidr: pulumi.Output<string>;
    declare readonly ruleSpec: pulumi.Output<string>;

    constructor(name: string, args: MasqueradeRuleArgs, opts?: pulumi.CustomResourceOptions) {
        super("MasqueradeRule", name, args, opts, ["ruleSpec", "rules"]);
    }
}
