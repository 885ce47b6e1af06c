// Inputs and state of a SysctlForward.
import { z } from "zod";
import { connection } from "../../schemas/connection";
import { ownerTag } from "../../schemas/owner";

export const sysctlForwardInputs = z.object({
    ipv4: z.boolean().default(true),
    ipv6: z.boolean().default(false),
    connection: connection.optional(),
    /** Names this resource in the host's owner records of the switches (absent in state from older versions). */
    ownerTag: ownerTag.optional(),
});

export type SysctlForwardInputs = z.infer<typeof sysctlForwardInputs>;

export interface SysctlForwardState extends SysctlForwardInputs {
    /** The value found before this resource turned IPv4 forwarding on; absent when it does not manage it. */
    previousIpv4?: number;
    previousIpv6?: number;
}
