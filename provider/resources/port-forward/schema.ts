// Inputs of a PortForward.
import { isIPv6 } from "node:net";
import { z } from "zod";
import { oneHostAddress } from "../../schemas/addresses";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { firewall } from "../../schemas/firewall";
import { acceptForward } from "../../schemas/forwarding";
import { allowPortInUse } from "../../schemas/guard";
import { interfaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";
import { port } from "../../schemas/ports";

export const DEFAULT_PROTOCOL = "tcp";

export const portForwardInputs = z
    .object({
        /** The port clients connect to on the host. */
        hostPort: port.describe("The port clients connect to on the host."),
        /** Where connections go, e.g. "192.168.1.10". */
        targetAddress: oneHostAddress.describe('Where connections go, e.g. "192.168.1.10".'),
        /** "tcp" or "udp". @default "tcp" */
        protocol: z.enum(["tcp", "udp"], { error: 'must be "tcp" or "udp"' }).default(DEFAULT_PROTOCOL).describe('"tcp" or "udp". Default: "tcp".'),
        /** Match only this local address. @default any local address */
        hostAddress: oneHostAddress.optional().describe("Match only this local address. Default: any local address."),
        /** The port connections go to at targetAddress. @default hostPort */
        targetPort: port.optional().describe("The port connections go to at targetAddress. Default: hostPort."),
        /** Match only connections arriving on this interface (the host itself is then not forwarded). */
        inInterface: interfaceName.optional().describe("Match only connections arriving on this interface (the host itself is then not forwarded)."),
        acceptForward,
        firewall,
        /** Forward a port the SSH connection, a listening process or another DNAT rule already uses (refused at preview without it). @default false */
        allowPortInUse: allowPortInUse.describe(
            "Forward a port the SSH connection, a listening process or another DNAT rule already uses (refused at preview without it). Default: false.",
        ),
        adopt,
        connection: connection.optional(),
        ownerTag,
    })
    .refine((p) => p.hostAddress === undefined || isIPv6(p.hostAddress) === isIPv6(p.targetAddress), {
        message: "must be of the same IP family as targetAddress",
        path: ["hostAddress"],
        // Absent, the target port is the host port: "targetPort: 5000" and none, with hostPort 5000, are one input.
    })
    .transform((p) => ({ ...p, targetPort: p.targetPort ?? p.hostPort }));

export type PortForwardInputs = z.infer<typeof portForwardInputs>;
