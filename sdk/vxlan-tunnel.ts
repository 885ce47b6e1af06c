// A VXLAN link joining a bridge to the same bridge on other machines.
import type * as pulumi from "@pulumi/pulumi";
import type { VxlanTunnelInputs, VxlanTunnelState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a VxlanTunnel: its fields and their documentation come from its schema. */
export type VxlanTunnelArgs = ArgsOf<VxlanTunnelInputs>;

/** Its outputs: every field of its state. */
export interface VxlanTunnel extends OutputsOf<VxlanTunnelState> {}

/**
 * A VXLAN link on one machine, on a bridge, sending to each remote end (head-end replication, no
 * multicast, no learning). Adding or removing a remote updates the FDB only; `name`, `vni`,
 * `localAddress` and `dstPort` replace it. See `Overlay` for the whole mesh in one resource.
 *
 * ```ts
 * new netns.VxlanTunnel("vx42", { name: "vx42", vni: 42, localAddress: "10.77.0.2", remotes: ["10.77.0.3"], bridge: "br0" });
 * ```
 */
export class VxlanTunnel extends NetnsResource {
    constructor(name: string, args: VxlanTunnelArgs, opts?: pulumi.CustomResourceOptions) {
        super("VxlanTunnel", name, args, opts);
    }
}
