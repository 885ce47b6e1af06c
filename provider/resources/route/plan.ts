// Pure rules for Route: every field replaces it (a route is its attributes); when the key
// (destination, namespace, metric) stays, the old route must go before the new one is added.
import type * as pulumi from "@pulumi/pulumi";
import type { RouteSpec } from "../../linux/ip-argv";
import { diffProps } from "../common/diff";
import { type RouteInputs, routeFamily } from "./schema";

/** Routing protocol number written on every route pulumi-netns adds: it marks them as ours. */
export const ROUTE_PROTOCOL = 245;

export function routeSpec(r: RouteInputs): RouteSpec {
    return {
        family: routeFamily(r), destination: r.destination, via: r.via, device: r.device, metric: r.metric,
        protocol: ROUTE_PROTOCOL,
    };
}

export function diffRoute(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    return diffProps(olds, news, {
        replace: ["destination", "namespace", "via", "device", "metric"],
        update: [],
        kernelName: ["destination", "namespace", "metric"],
    });
}
