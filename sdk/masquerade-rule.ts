// Source NAT for a subnet leaving the host: iptables -t nat POSTROUTING ... -j MASQUERADE.
import * as pulumi from "@pulumi/pulumi";
import { type CommonArgs, secretConnection } from "./connection";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

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

/**
 * A MASQUERADE rule, tagged with an owner comment and found by it. Every field replaces it.
 *
 * ```ts
 * new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", excludeOutInterface: br0.name });
 * ```
 */
export class MasqueradeRule extends pulumi.dynamic.Resource {
    declare readonly sourceCidr: pulumi.Output<string>;
    declare readonly ruleSpec: pulumi.Output<string>;

    constructor(name: string, args: MasqueradeRuleArgs, opts?: pulumi.CustomResourceOptions) {
        super(providerStub("MasqueradeRule"), name, {
            sourceCidr: args.sourceCidr,
            excludeOutInterface: args.excludeOutInterface,
            outInterface: args.outInterface,
            acceptForward: args.acceptForward,
            connection: secretConnection(args.connection),
            ownerTag: ownerTagFor("MasqueradeRule", name, opts),
            ruleSpec: undefined,
            rules: undefined,
        }, opts, "netns", "MasqueradeRule");
    }
}
