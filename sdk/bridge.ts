// A Linux bridge (`ip link add type bridge`), up, with the addresses it should carry.
import type * as pulumi from "@pulumi/pulumi";
import type { bridgeInputs } from "../provider/resources/bridge/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";

export interface BridgeArgs extends CommonArgs {
    /** The interface name, at most 15 characters. @default the resource name */
    name?: pulumi.Input<string>;
    /** Addresses with prefix length, e.g. "192.168.1.1/24". The bridge holds exactly these. @default [] */
    addresses?: pulumi.Input<pulumi.Input<string>[]>;
    /** The MTU; absent leaves the kernel's default. */
    mtu?: pulumi.Input<number>;
}
true satisfies ArgsMatch<BridgeArgs, typeof bridgeInputs, "name">;

/**
 * A bridge on the host. Changing `name` or the machine replaces it; `addresses` and `mtu` update in place.
 *
 * ```ts
 * const br0 = new netns.Bridge("br0", { addresses: ["192.168.1.1/24"] });
 * ```
 */
export class Bridge extends NetnsResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly addresses: pulumi.Output<string[]>;
    declare readonly mtu: pulumi.Output<number>;
    declare readonly macAddress: pulumi.Output<string>;

    constructor(name: string, args: BridgeArgs = {}, opts?: pulumi.CustomResourceOptions) {
        // The kernel name defaults to the resource name.
        const named: typeof args = { ...args, name: args.name ?? name };
        super("Bridge", name, named, opts, ["macAddress"]);
    }
}
