// A named Linux network namespace (`ip netns add`), with its loopback interface up.
import type * as pulumi from "@pulumi/pulumi";
import type { NamespaceInputs, NamespaceState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a Namespace: its fields and their documentation come from its schema. */
export type NamespaceArgs = ArgsOf<NamespaceInputs>;

/** Its outputs: every field of its state. */
export interface Namespace extends OutputsOf<NamespaceState> {}

/**
 * A network namespace. Changing `name` or the machine replaces it; `loopbackUp` updates in place.
 *
 * ```ts
 * const ns1 = new netns.Namespace("ns1");
 * ```
 */
export class Namespace extends NetnsResource {
    constructor(name: string, args: NamespaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super("Namespace", name, args, opts);
    }
}
