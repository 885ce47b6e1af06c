// A route in the host's routing table or in a namespace's.
import type * as pulumi from "@pulumi/pulumi";
import type { routeInputs } from "../provider/resources/route/schema";
import type { CommonArgs } from "./connection";
import { type ArgsMatch, NetnsResource } from "./netns-resource";

export interface RouteArgs extends CommonArgs {
    /** "default" or a network such as "10.0.0.0/8". */
    destination: pulumi.Input<string>;
    /** The namespace whose table gets the route. @default the host's own table */
    namespace?: pulumi.Input<string>;
    /** The gateway. `via`, `device` or both must be given. */
    via?: pulumi.Input<string>;
    /** The outgoing interface. */
    device?: pulumi.Input<string>;
    metric?: pulumi.Input<number>;
}
true satisfies ArgsMatch<RouteArgs, typeof routeInputs>;

/**
 * A route, added with protocol number 245 so it is told apart from routes made by others.
 * Every field replaces it (the old route goes first when destination, namespace and metric stay).
 *
 * ```ts
 * new netns.Route("ns1-default", { namespace: ns1.name, destination: "default", via: "192.168.1.1" },
 *     { dependsOn: [v0] });
 * ```
 */
export class Route extends NetnsResource {
    declare readonly destination: pulumi.Output<string>;
    declare readonly namespace: pulumi.Output<string | undefined>;
    declare readonly via: pulumi.Output<string | undefined>;
    declare readonly device: pulumi.Output<string | undefined>;
    declare readonly metric: pulumi.Output<number | undefined>;

    constructor(name: string, args: RouteArgs, opts?: pulumi.CustomResourceOptions) {
        super("Route", name, args, opts);
    }
}
