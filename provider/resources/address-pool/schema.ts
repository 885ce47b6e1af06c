// Inputs and state of an AddressPool: a Network's members and the addresses they hold.
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { networkCidr } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { namespaceName } from "../../schemas/names";
import { allocate, PoolError } from "./allocate";

const member = z.object({
    key: namespaceName.describe("The member's namespace name."),
    address: z.string().refine(isIPv4, "must be an IPv4 address such as 192.168.1.50").optional().describe("A fixed IPv4 address, reserved for it."),
});

export const addressPoolInputs = z
    .object({
        network: z.string().min(1).describe("The Network's name, for messages."),
        subnet: networkCidr
            .refine((c) => isIPv4(c.split("/")[0]), "must be an IPv4 network such as 192.168.1.0/24")
            .describe("The IPv4 subnet addresses are taken from."),
        subnet6: networkCidr
            .refine((c) => isIPv6(c.split("/")[0]), "must be an IPv6 network such as fd00:1::/64")
            .optional()
            .describe("The IPv6 subnet of a dual-stack network: a member's address there has its IPv4 host number."),
        members: z.array(member).default([]).describe("The members, by namespace name, in the order they were declared."),
        /** Not used: a pool touches no machine. Accepted so every kind takes the same common inputs. */
        connection: connection.optional(),
    })
    // A full pool or a clash of fixed addresses is refused at preview, naming the network; a subnet
    // already refused above is not planned (a /33 has no pool to be full).
    .superRefine((pool, ctx) => {
        if (!networkCidr.safeParse(pool.subnet).success || (pool.subnet6 !== undefined && !networkCidr.safeParse(pool.subnet6).success)) {
            return;
        }
        try {
            allocate(pool, pool.members);
        } catch (err) {
            if (!(err instanceof PoolError)) {
                throw err;
            }
            ctx.addIssue({ code: "custom", path: ["members"], message: `Network "${pool.network}": ${err.message}` });
        }
    });

const allocation = z.object({ ipv4: z.string(), ipv6: z.string().optional() });

export const addressPoolState = z.intersection(
    addressPoolInputs,
    z.object({
        allocations: z.record(z.string(), allocation).describe("Each member's addresses (and each gateway's, by key), kept from one run to the next."),
    }),
);

export type AddressPoolInputs = z.infer<typeof addressPoolInputs>;
