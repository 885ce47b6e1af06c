// Inputs and state of a Route.
import { isIPv6 } from "node:net";
import { z } from "zod";
import { ipAddress, networkCidr } from "../../schemas/addresses";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { allowOverlap } from "../../schemas/guard";
import { interfaceName, namespaceName } from "../../schemas/names";

const routeFields = z.object({
    /** "default" or a network such as "10.0.0.0/8". */
    destination: z
        .union([z.literal("default"), networkCidr], {
            error: 'must be "default" or a network such as 10.0.0.0/8 (host bits zero)',
        })
        .describe('"default" or a network such as "10.0.0.0/8".'),
    /** The namespace whose table gets the route. @default the host's own table */
    namespace: namespaceName.optional().describe("The namespace whose table gets the route. Default: the host's own table."),
    /** The gateway. `via`, `device` or both must be given. */
    via: ipAddress.optional().describe("The gateway. `via`, `device` or both must be given."),
    /** The outgoing interface. */
    device: interfaceName.optional().describe("The outgoing interface."),
    /** The route's metric. @default the kernel's (0 for IPv4, 1024 for IPv6) */
    metric: z.number().int().min(0).max(4294967295).optional().describe("The route's metric. Default: the kernel's (0 for IPv4, 1024 for IPv6)."),
    /** In the host's table: cover a network the machine already has, or win over its default route (refused at preview without it). @default false */
    allowOverlap: allowOverlap.describe(
        "In the host's table: cover a network the machine already has, or win over its default route (refused at preview without it). Default: false.",
    ),
    adopt,
    connection: connection.optional(),
});

const familyOf = (addressOrCidr: string): 4 | 6 => (isIPv6(addressOrCidr.split("/")[0]) ? 6 : 4);

/** The rules between fields, for the inputs and the state alike. */
const withRouteRules = <T extends z.ZodType<z.infer<typeof routeFields>>>(schema: T) =>
    schema
        .refine((r) => r.via !== undefined || r.device !== undefined, {
            message: "needs `via` (a gateway) or `device` (an interface), or both",
            path: ["via"],
        })
        .refine((r) => r.destination === "default" || r.via === undefined || familyOf(r.destination) === familyOf(r.via), {
            message: "must be of the same IP family as the destination",
            path: ["via"],
        });

export const routeInputs = withRouteRules(routeFields);

/** The route as the kernel made it, recorded at create: read and delete match exactly this one. */
export const installedRoute = z.object({ metric: z.number(), device: z.string(), via: z.string().optional() });

export const routeState = withRouteRules(
    routeFields.extend({
        /** The route as the kernel made it, recorded at create. */
        installed: installedRoute.optional().describe("The route as the kernel made it, recorded at create."),
    }),
);

export type RouteInputs = z.infer<typeof routeInputs>;
export type RouteState = z.infer<typeof routeState>;
export type InstalledRoute = z.infer<typeof installedRoute>;

/** The route's family: its destination's, or for "default" its gateway's (IPv4 without one). */
export function routeFamily(r: Pick<RouteInputs, "destination" | "via">): 4 | 6 {
    if (r.destination !== "default") {
        return familyOf(r.destination);
    }
    return r.via ? familyOf(r.via) : 4;
}
