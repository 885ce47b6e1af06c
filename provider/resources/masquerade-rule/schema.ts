// Inputs of a MasqueradeRule.
import { z } from "zod";
import { networkCidr } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { ownerTag } from "../../schemas/owner";
import { interfaceName } from "../../schemas/names";

export const masqueradeRuleInputs = z.object({
    sourceCidr: networkCidr,
    excludeOutInterface: interfaceName.optional(),
    outInterface: interfaceName.optional(),
    /** Add ACCEPT rules to FORWARD (needed where its policy is DROP). Absent: refused at preview if it is. */
    acceptForward: z.boolean().optional(),
    connection: connection.optional(),
    ownerTag,
}).refine((m) => !(m.excludeOutInterface && m.outInterface), {
    message: "set either outInterface or excludeOutInterface, not both (iptables takes one -o)",
    path: ["outInterface"],
}).refine((m) => !m.sourceCidr.endsWith("/0"), {
    message: "must not be /0: that would masquerade (and with acceptForward, forward) every address",
    path: ["sourceCidr"],
}).refine((m) => !m.acceptForward || m.excludeOutInterface !== undefined || m.outInterface !== undefined, {
    message: "needs excludeOutInterface (the subnet's bridge) or outInterface, so its ACCEPT rules are bound to an interface",
    path: ["acceptForward"],
});

export type MasqueradeRuleInputs = z.infer<typeof masqueradeRuleInputs>;
