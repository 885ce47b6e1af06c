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
});

export type MasqueradeRuleInputs = z.infer<typeof masqueradeRuleInputs>;
