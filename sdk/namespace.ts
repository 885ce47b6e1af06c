// A named Linux network namespace (`ip netns add`), with its loopback interface up.
import * as pulumi from "@pulumi/pulumi";
import { type CommonArgs, secretConnection } from "./connection";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

export interface NamespaceArgs extends CommonArgs {
    /** The namespace's name under /run/netns. @default the resource name */
    name?: pulumi.Input<string>;
    /** Bring `lo` up inside the namespace. @default true */
    loopbackUp?: pulumi.Input<boolean>;
}

/**
 * A network namespace. Changing `name` or the machine replaces it; `loopbackUp` updates in place.
 *
 * ```ts
 * const ns1 = new netns.Namespace("ns1");
 * ```
 */
export class Namespace extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;
    declare readonly loopbackUp: pulumi.Output<boolean>;

    constructor(name: string, args: NamespaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super(providerStub("Namespace"), name, {
            name: args.name ?? name,
            loopbackUp: args.loopbackUp ?? true,
            connection: secretConnection(args.connection),
            ownerTag: ownerTagFor("Namespace", name, opts),
        }, opts, "netns", "Namespace");
    }
}
