// Inputs and state of a VxlanTunnel.
import { z } from "zod";
import { canonicalIp, ipAddress, mtu } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { interfaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";
import { port } from "../../schemas/ports";

export const vxlanTunnelInputs = z
    .object({
        /** The VXLAN link's name, at most 15 characters. */
        name: interfaceName.describe("The VXLAN link's name, at most 15 characters."),
        /** The VXLAN network identifier, 1-16777215: the same on every end of one overlay. */
        vni: z
            .number()
            .int("must be a whole number")
            .min(1, "must be 1-16777215")
            .max(16777215, "must be 1-16777215")
            .describe("The VXLAN network identifier, 1-16777215: the same on every end of one overlay."),
        /** This machine's underlay address the tunnel leaves from. */
        localAddress: ipAddress.describe("This machine's underlay address the tunnel leaves from."),
        /** The other ends' underlay addresses: one all-zeros FDB entry each. @default [] */
        remotes: z.array(ipAddress).default([]).describe("The other ends' underlay addresses: one all-zeros FDB entry each. Default: []."),
        /** The UDP port. @default 4789 */
        dstPort: port.default(4789).describe("The UDP port. Default: 4789."),
        /** A bridge to enslave the link to. */
        bridge: interfaceName.optional().describe("A bridge to enslave the link to."),
        /**
         * The link's MTU: the underlay's minus the VXLAN overhead (50 bytes over IPv4, 70 over IPv6).
         * Absent leaves the kernel's, 1500, which fragments on a 1500-byte underlay.
         */
        mtu: mtu
            .optional()
            .describe(
                "The link's MTU: the underlay's minus the VXLAN overhead (50 bytes over IPv4, 70 over IPv6). Absent leaves the kernel's, 1500, which fragments on a 1500-byte underlay.",
            ),
        connection: connection.optional(),
        ownerTag,
    })
    .refine((t) => new Set(t.remotes.map(canonicalIp)).size === t.remotes.length, { message: "lists a remote twice", path: ["remotes"] })
    .refine((t) => !t.remotes.some((r) => canonicalIp(r) === canonicalIp(t.localAddress)), {
        message: "lists the local address as a remote",
        path: ["remotes"],
    });

export const vxlanTunnelState = z.intersection(vxlanTunnelInputs, z.object({ mtu: z.number() }));

export type VxlanTunnelInputs = z.infer<typeof vxlanTunnelInputs>;
export type VxlanTunnelState = z.infer<typeof vxlanTunnelState>;
