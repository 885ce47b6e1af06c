// A route in the host's routing table or in a namespace's.
import type * as pulumi from "@pulumi/pulumi";
import type { RouteInputs, RouteState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a Route: its fields and their documentation come from its schema. */
export type RouteArgs = ArgsOf<RouteInputs>;

/** Its outputs: every field of its state. */
export interface Route extends OutputsOf<RouteState> {}

/**
 * A route, added with protocol number 245 so it is told apart from routes made by others.
 * Every field replaces it (the old route goes first when destination, namespace and metric stay).
 *
 * ```ts
 * new netns.Route("ns1-default", { namespace: ns1.name, destination: "default", via: "192.168.1.1" });
 * ```
 */
export class Route extends NetnsResource {
    constructor(name: string, args: RouteArgs, opts?: pulumi.CustomResourceOptions) {
        super("Route", name, args, opts);
    }
}
