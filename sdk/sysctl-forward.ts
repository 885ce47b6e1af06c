// IP forwarding on, with the value found before restored on destroy.
import type * as pulumi from "@pulumi/pulumi";
import type { sysctlForwardInputs } from "../provider/resources/sysctl-forward/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";

export interface SysctlForwardArgs extends CommonArgs {
    /** Turn on net.ipv4.ip_forward. @default true */
    ipv4?: pulumi.Input<boolean>;
    /** Turn on net.ipv6.conf.all.forwarding. @default false */
    ipv6?: pulumi.Input<boolean>;
}
true satisfies ArgsMatch<SysctlForwardArgs, typeof sysctlForwardInputs>;

/**
 * IP forwarding. It writes only when the value differs, records what it found
 * (`previousIpv4`, `previousIpv6`) and restores it on destroy if the switch still holds the value
 * it set. `ipv4` and `ipv6` update in place.
 *
 * ```ts
 * new netns.SysctlForward("forward", {});
 * ```
 */
export class SysctlForward extends NetnsResource {
    declare readonly ipv4: pulumi.Output<boolean>;
    declare readonly ipv6: pulumi.Output<boolean>;
    declare readonly previousIpv4: pulumi.Output<number | undefined>;
    declare readonly previousIpv6: pulumi.Output<number | undefined>;

    constructor(name: string, args: SysctlForwardArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super("SysctlForward", name, args, opts, ["previousIpv4", "previousIpv6"]);
    }
}
