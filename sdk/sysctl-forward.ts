// IP forwarding on, with the value found before restored on destroy.
import * as pulumi from "@pulumi/pulumi";
import { type CommonArgs, secretConnection } from "./connection";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

export interface SysctlForwardArgs extends CommonArgs {
    /** Turn on net.ipv4.ip_forward. @default true */
    ipv4?: pulumi.Input<boolean>;
    /** Turn on net.ipv6.conf.all.forwarding. @default false */
    ipv6?: pulumi.Input<boolean>;
}

/**
 * IP forwarding. It writes only when the value differs, records what it found
 * (`previousIpv4`, `previousIpv6`) and restores it on destroy if the switch still holds the value
 * it set. `ipv4` and `ipv6` update in place.
 *
 * ```ts
 * new netns.SysctlForward("forward", {});
 * ```
 */
export class SysctlForward extends pulumi.dynamic.Resource {
    declare readonly ipv4: pulumi.Output<boolean>;
    declare readonly ipv6: pulumi.Output<boolean>;
    declare readonly previousIpv4: pulumi.Output<number | undefined>;
    declare readonly previousIpv6: pulumi.Output<number | undefined>;

    constructor(name: string, args: SysctlForwardArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super(providerStub("SysctlForward"), name, {
            ipv4: args.ipv4 ?? true,
            ipv6: args.ipv6 ?? false,
            connection: secretConnection(args.connection),
            ownerTag: ownerTagFor("SysctlForward", name, opts),
            previousIpv4: undefined,
            previousIpv6: undefined,
        }, opts, "netns", "SysctlForward");
    }
}
