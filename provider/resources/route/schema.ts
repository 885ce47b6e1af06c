// Inputs and state of a Route.
import { isIPv6 } from "node:net";
import { z } from "zod";
import { ipAddress, networkCidr } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { interfaceName, namespaceName } from "../../schemas/names";

export const routeInputs = z.object({
    destination: z.union([z.literal("default"), networkCidr], {
        error: 'must be "default" or a network such as 10.0.0.0/8 (host bits zero)',
    }),
    namespace: namespaceName.optional(),
    via: ipAddress.optional(),
    device: interfaceName.optional(),
    metric: z.number().int().min(0).max(4294967295).optional(),
    connection: connection.optional(),
}).refine((r) => r.via !== undefined || r.device !== undefined, {
    message: "needs `via` (a gateway) or `device` (an interface), or both", path: ["via"],
}).refine((r) => r.destination === "default" || r.via === undefined || familyOf(r.destination) === familyOf(r.via), {
    message: "must be of the same IP family as the destination", path: ["via"],
});

export type RouteInputs = z.infer<typeof routeInputs>;

function familyOf(addressOrCidr: string): 4 | 6 {
    return isIPv6(addressOrCidr.split("/")[0]) ? 6 : 4;
}

/** The route's family: its destination's, or for "default" its gateway's (IPv4 without one). */
export function routeFamily(r: Pick<RouteInputs, "destination" | "via">): 4 | 6 {
    if (r.destination !== "default") {
        return familyOf(r.destination);
    }
    return r.via ? familyOf(r.via) : 4;
}
