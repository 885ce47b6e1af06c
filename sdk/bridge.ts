// A Linux bridge (`ip link add type bridge`), up, with the addresses it should carry.
import type * as pulumi from "@pulumi/pulumi";
import type { BridgeInputs, BridgeState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a Bridge: its fields and their documentation come from its schema. */
export type BridgeArgs = ArgsOf<BridgeInputs>;

/** Its outputs: every field of its state. */
export interface Bridge extends OutputsOf<BridgeState> {}

/**
 * A bridge on the host. Changing `name` or the machine replaces it; `addresses` and `mtu` update in place.
 *
 * ```ts
 * const br0 = new netns.Bridge("br0", { addresses: ["192.168.1.1/24"] });
 * ```
 */
export class Bridge extends NetnsResource {
    constructor(name: string, args: BridgeArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super("Bridge", name, args, opts);
    }
}
