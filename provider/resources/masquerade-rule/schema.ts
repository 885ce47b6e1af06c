// Inputs of a MasqueradeRule.
import { z } from "zod";
import { networkCidr } from "../../schemas/addresses";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { firewall } from "../../schemas/firewall";
import { acceptForward } from "../../schemas/forwarding";
import { interfaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

export const masqueradeRuleInputs = z
    .object({
        /** The subnet to masquerade, e.g. "192.168.1.0/24". */
        sourceCidr: networkCidr.describe('The subnet to masquerade, e.g. "192.168.1.0/24".'),
        /** Only traffic NOT leaving by this interface (the seeds' `! -o br0`): the subnet's bridge. */
        excludeOutInterface: interfaceName.optional().describe("Only traffic NOT leaving by this interface (the seeds' `! -o br0`): the subnet's bridge."),
        /** Only traffic leaving by this interface. */
        outInterface: interfaceName.optional().describe("Only traffic leaving by this interface."),
        acceptForward,
        firewall,
        adopt,
        connection: connection.optional(),
        ownerTag,
    })
    .refine((m) => !(m.excludeOutInterface && m.outInterface), {
        message: "set either outInterface or excludeOutInterface, not both (iptables takes one -o)",
        path: ["outInterface"],
    })
    .refine((m) => !m.sourceCidr.endsWith("/0"), {
        message: "must not be /0: that would masquerade (and with acceptForward, forward) every address",
        path: ["sourceCidr"],
    })
    // With acceptForward, a short prefix (0.0.0.0/1 is half of every address) would forward nearly anything.
    .refine((m) => !m.acceptForward || Number(m.sourceCidr.split("/")[1]) >= (m.sourceCidr.includes(":") ? 16 : 8), {
        message: "with acceptForward must be /8 or longer (/16 for IPv6): a shorter prefix would open FORWARD to nearly every address",
        path: ["sourceCidr"],
    })
    .refine((m) => !m.acceptForward || m.excludeOutInterface !== undefined || m.outInterface !== undefined, {
        message: "needs excludeOutInterface (the subnet's bridge) or outInterface, so its ACCEPT rules are bound to an interface",
        path: ["acceptForward"],
    });

export type MasqueradeRuleInputs = z.infer<typeof masqueradeRuleInputs>;
