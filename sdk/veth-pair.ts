// A veth pair: one end on the host (optionally in a bridge), the peer inside a namespace.
import type * as pulumi from "@pulumi/pulumi";
import type { VethPairInputs, VethPairState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";
import { checkVethAddresses } from "./sanity";

/** The arguments of a VethPair: its fields and their documentation come from its schema. */
export type VethPairArgs = ArgsOf<VethPairInputs>;

/** Its outputs: every field of its state. */
export interface VethPair extends OutputsOf<VethPairState> {}

/**
 * A veth pair born with its peer in the namespace. Names, namespace or machine replace it (the old
 * pair goes first when the names stay); `bridge`, `addresses` and `mtu` update in place.
 *
 * ```ts
 * new netns.VethPair("ns1-link", {
 *     hostName: "veth0", peerName: "ceth0", namespace: ns1.name, bridge: br0.name,
 *     addresses: ["192.168.1.10/24"],
 * });
 * ```
 */
export class VethPair extends NetnsResource {
    constructor(name: string, args: VethPairArgs, opts?: pulumi.CustomResourceOptions) {
        super("VethPair", name, args, opts);
        checkVethAddresses(this, name, args.connection, args.bridge, args.addresses ?? []);
    }
}
