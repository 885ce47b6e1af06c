// A route in the host's routing table or in a namespace's.
import * as pulumi from "@pulumi/pulumi";
import { type CommonArgs, secretConnection } from "./connection";
import { providerStub } from "./provider-stub";

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

/**
 * A route, added with protocol number 245 so it is told apart from routes made by others.
 * Every field replaces it (the old route goes first when destination, namespace and metric stay).
 *
 * ```ts
 * new netns.Route("ns1-default", { namespace: ns1.name, destination: "default", via: "192.168.1.1" },
 *     { dependsOn: [v0] });
 * ```
 */
export class Route extends pulumi.dynamic.Resource {
    declare readonly destination: pulumi.Output<string>;
    declare readonly namespace: pulumi.Output<string | undefined>;
    declare readonly via: pulumi.Output<string | undefined>;
    declare readonly device: pulumi.Output<string | undefined>;
    declare readonly metric: pulumi.Output<number | undefined>;

    constructor(name: string, args: RouteArgs, opts?: pulumi.CustomResourceOptions) {
        super(providerStub("Route"), name, {
            destination: args.destination,
            namespace: args.namespace,
            via: args.via,
            device: args.device,
            metric: args.metric,
            connection: secretConnection(args.connection),
        }, opts, "netns", "Route");
    }
}
