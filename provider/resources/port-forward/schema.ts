// Inputs of a PortForward.
import { isIPv6 } from "node:net";
import { z } from "zod";
import { ipAddress } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { interfaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";
import { port } from "../../schemas/ports";

export const DEFAULT_PROTOCOL = "tcp";

export const portForwardInputs = z.object({
    hostPort: port,
    targetAddress: ipAddress,
    protocol: z.enum(["tcp", "udp"], { error: 'must be "tcp" or "udp"' }).default(DEFAULT_PROTOCOL),
    hostAddress: ipAddress.optional(),
    targetPort: port.optional(),
    inInterface: interfaceName.optional(),
    /** Add ACCEPT rules to FORWARD (needed where its policy is DROP). Absent: refused at preview if it is. */
    acceptForward: z.boolean().optional(),
    connection: connection.optional(),
    ownerTag,
}).refine((p) => p.hostAddress === undefined || isIPv6(p.hostAddress) === isIPv6(p.targetAddress), {
    message: "must be of the same IP family as targetAddress", path: ["hostAddress"],
    // Absent, the target port is the host port: "targetPort: 5000" and none, with hostPort 5000, are one input.
}).transform((p) => ({ ...p, targetPort: p.targetPort ?? p.hostPort }));

export type PortForwardInputs = z.infer<typeof portForwardInputs>;
