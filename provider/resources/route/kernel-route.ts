// Pure: the kernel's view of a Route, as `ip route` takes it.
import type { RouteSpec } from "../../linux/ip-argv";
import type { RouteEntry } from "../../linux/ip-json";
import { ROUTE_PROTOCOL } from "../../linux/owner-marks";
import { canonicalIp } from "../../schemas/addresses";
import { type InstalledRoute, type RouteInputs, routeFamily } from "./schema";

export { ROUTE_PROTOCOL };

/** Equivalent to the words of `ip route add DEST [via GW] [dev DEV] [metric M] proto 245`. */
export function routeSpec(r: RouteInputs): RouteSpec {
    return {
        family: routeFamily(r),
        destination: r.destination,
        via: r.via,
        device: r.device,
        metric: r.metric,
        protocol: ROUTE_PROTOCOL,
    };
}

/** The exact route to delete or find: the recorded metric, gateway and device, so no other route matches. */
export function exactSpec(r: RouteInputs, installed: InstalledRoute | undefined): RouteSpec {
    return installed ? { ...routeSpec(r), metric: installed.metric, device: installed.device, via: installed.via } : routeSpec(r);
}

/**
 * Among the kernel's routes to the destination (protocol 245), the one this resource made: exactly
 * the recorded metric, gateway and device; without a record (state from an older version), as
 * precisely as the inputs allow.
 */
export function ourRoute(routes: readonly RouteEntry[], r: RouteInputs, installed: InstalledRoute | undefined): RouteEntry | undefined {
    return routes.find((k) =>
        installed
            ? k.metric === installed.metric && k.device === installed.device && k.via === installed.via
            : (r.metric === undefined || k.metric === r.metric) &&
              (r.device === undefined || k.device === r.device) &&
              (r.via === undefined || k.via === canonicalIp(r.via)),
    );
}
