// A host port forwarded (DNAT) to an address inside a namespace.
import type * as pulumi from "@pulumi/pulumi";
import { kindFacts, type PortForwardInputs, type PortForwardState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";
import { checkPortClaim } from "./sanity";

/** The arguments of a PortForward: its fields and their documentation come from its schema. */
export type PortForwardArgs = ArgsOf<PortForwardInputs>;

/** Its outputs: every field of its state. */
export interface PortForward extends OutputsOf<PortForwardState> {}

/**
 * A port forward that works for clients outside the host (PREROUTING), for the host itself
 * (OUTPUT), and for other namespaces on the target's network (a hairpin masquerade for the
 * network that holds the target). Every field replaces it.
 *
 * ```ts
 * new netns.PortForward("http", { hostPort: 5000, targetAddress: "192.168.1.10" });
 * ```
 */
export class PortForward extends NetnsResource {
    constructor(name: string, args: PortForwardArgs, opts?: pulumi.CustomResourceOptions) {
        super("PortForward", name, args, opts);
        checkPortClaim(
            this,
            name,
            args.connection,
            args.protocol,
            kindFacts.PortForward.defaults.protocol as string,
            args.hostPort,
            args.hostAddress,
            args.targetAddress,
        );
    }
}
