// A veth pair: one end on the host (optionally in a bridge), the peer inside a namespace.
import type * as pulumi from "@pulumi/pulumi";
import type { vethPairInputs } from "../provider/resources/veth-pair/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";
import { checkVethAddresses } from "./sanity";

export interface VethPairArgs extends CommonArgs {
    /** The host end's name, at most 15 characters. */
    hostName: pulumi.Input<string>;
    /** The peer's name inside the namespace, at most 15 characters. */
    peerName: pulumi.Input<string>;
    /** The namespace that holds the peer. */
    namespace: pulumi.Input<string>;
    /** A bridge to enslave the host end to. */
    bridge?: pulumi.Input<string>;
    /** Addresses of the peer, e.g. "192.168.1.10/24". The peer holds exactly these. @default [] */
    addresses?: pulumi.Input<pulumi.Input<string>[]>;
    /** The MTU of both ends; absent leaves the kernel's default. */
    mtu?: pulumi.Input<number>;
}
true satisfies ArgsMatch<VethPairArgs, typeof vethPairInputs>;

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
    declare readonly hostName: pulumi.Output<string>;
    declare readonly peerName: pulumi.Output<string>;
    declare readonly namespace: pulumi.Output<string>;
    declare readonly bridge: pulumi.Output<string | undefined>;
    declare readonly addresses: pulumi.Output<string[]>;
    declare readonly mtu: pulumi.Output<number>;

    constructor(name: string, args: VethPairArgs, opts?: pulumi.CustomResourceOptions) {
        super("VethPair", name, args, opts);
        checkVethAddresses(this, name, args.connection, args.bridge, args.addresses ?? []);
    }
}
