// Inputs of a PortForward.
import { isIPv6 } from "node:net";
import { z } from "zod";
import { ipAddress } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { ownerTag } from "../../schemas/owner";
import { interfaceName } from "../../schemas/names";

export const port = z.number().int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535");

export const portForwardInputs = z.object({
    hostPort: port,
    targetAddress: ipAddress,
    protocol: z.enum(["tcp", "udp"], { error: 'must be "tcp" or "udp"' }).default("tcp"),
    hostAddress: ipAddress.optional(),
    targetPort: port.optional(),
    inInterface: interfaceName.optional(),
    /** Add ACCEPT rules to FORWARD (needed where its policy is DROP). Absent: refused at preview if it is. */
    acceptForward: z.boolean().optional(),
    connection: connection.optional(),
    ownerTag,
}).refine((p) => p.hostAddress === undefined || isIPv6(p.hostAddress) === isIPv6(p.targetAddress), {
    message: "must be of the same IP family as targetAddress", path: ["hostAddress"],
});

export type PortForwardInputs = z.infer<typeof portForwardInputs>;
