// A named Linux network namespace (`ip netns add`), with its loopback interface up.
import type * as pulumi from "@pulumi/pulumi";
import type { namespaceInputs } from "../provider/resources/namespace/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";

export interface NamespaceArgs extends CommonArgs {
    /** The namespace's name under /run/netns. @default the resource name */
    name?: pulumi.Input<string>;
    /** Bring `lo` up inside the namespace. @default true */
    loopbackUp?: pulumi.Input<boolean>;
}
true satisfies ArgsMatch<NamespaceArgs, typeof namespaceInputs, "name">;

/**
 * A network namespace. Changing `name` or the machine replaces it; `loopbackUp` updates in place.
 *
 * ```ts
 * const ns1 = new netns.Namespace("ns1");
 * ```
 */
export class Namespace extends NetnsResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly loopbackUp: pulumi.Output<boolean>;

    constructor(name: string, args: NamespaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
        // The kernel name defaults to the resource name.
        const named: typeof args = { ...args, name: args.name ?? name };
        super("Namespace", name, named, opts);
    }
}
