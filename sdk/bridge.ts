// A Linux bridge (`ip link add type bridge`), up, with the addresses it should carry.
import * as pulumi from "@pulumi/pulumi";
import { type CommonArgs, secretConnection } from "./connection";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

export interface BridgeArgs extends CommonArgs {
    /** The interface name, at most 15 characters. @default the resource name */
    name?: pulumi.Input<string>;
    /** Addresses with prefix length, e.g. "192.168.1.1/24". The bridge holds exactly these. @default [] */
    addresses?: pulumi.Input<pulumi.Input<string>[]>;
    /** The MTU; absent leaves the kernel's default. */
    mtu?: pulumi.Input<number>;
}

/**
 * A bridge on the host. Changing `name` or the machine replaces it; `addresses` and `mtu` update in place.
 *
 * ```ts
 * const br0 = new netns.Bridge("br0", { addresses: ["192.168.1.1/24"] });
 * ```
 */
export class Bridge extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;
    declare readonly addresses: pulumi.Output<string[]>;
    declare readonly mtu: pulumi.Output<number>;
    declare readonly macAddress: pulumi.Output<string>;

    constructor(name: string, args: BridgeArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super(providerStub("Bridge"), name, {
            name: args.name ?? name,
            addresses: args.addresses ?? [],
            mtu: args.mtu,
            connection: secretConnection(args.connection),
            macAddress: undefined,
            ownerTag: ownerTagFor("Bridge", name, opts),
        }, opts, "netns", "Bridge");
    }
}
