// A host port forwarded (DNAT) to an address inside a namespace.
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PROTOCOL, type portForwardInputs } from "../provider/resources/port-forward/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";
import { checkPortClaim } from "./sanity";

export interface PortForwardArgs extends CommonArgs {
    hostPort: pulumi.Input<number>;
    /** Where connections go, e.g. "192.168.1.10". */
    targetAddress: pulumi.Input<string>;
    /** "tcp" or "udp". @default "tcp" */
    protocol?: pulumi.Input<"tcp" | "udp">;
    /** Match only this local address. @default any local address */
    hostAddress?: pulumi.Input<string>;
    /** @default hostPort */
    targetPort?: pulumi.Input<number>;
    /** Match only connections arriving on this interface (the host itself is then not forwarded). */
    inInterface?: pulumi.Input<string>;
    /**
     * Add ACCEPT rules to the FORWARD chain, owned and removed with this resource. Needed where
     * FORWARD drops by default (Docker hosts, firewalls); left absent there, preview says so.
     */
    acceptForward?: pulumi.Input<boolean>;
}
true satisfies ArgsMatch<PortForwardArgs, typeof portForwardInputs>;

/**
 * A port forward that works for clients outside the host (PREROUTING), for the host itself
 * (OUTPUT), and for other namespaces on the target's network (a hairpin masquerade, added when
 * the target is directly connected at create time). Every field replaces it.
 *
 * ```ts
 * new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" }, { dependsOn: [v0] });
 * ```
 */
export class PortForward extends NetnsResource {
    declare readonly hostPort: pulumi.Output<number>;
    declare readonly targetAddress: pulumi.Output<string>;
    declare readonly ruleSpec: pulumi.Output<string>;
    declare readonly rules: pulumi.Output<string[]>;

    constructor(name: string, args: PortForwardArgs, opts?: pulumi.CustomResourceOptions) {
        super("PortForward", name, args, opts, ["ruleSpec", "rules"]);
        checkPortClaim(this, name, args.connection, args.protocol ?? DEFAULT_PROTOCOL, args.hostPort, args.hostAddress);
    }
}
