// Pure rules for MasqueradeRule: the iptables rules it stands for.
import { acceptSubnet, ownerComment, type Rule } from "../../linux/iptables-argv";
import type { MasqueradeRuleInputs } from "./schema";

/**
 * Equivalent to: `iptables -t nat -A POSTROUTING -s CIDR [! -o IF | -o IF] -j MASQUERADE`, tagged,
 * and with `acceptForward` the FORWARD ACCEPTs for the subnet through its interface, appended.
 */
export function masqueradeRules(m: MasqueradeRuleInputs, label: string): Rule[] {
    const out = m.excludeOutInterface ? ["!", "-o", m.excludeOutInterface] : m.outInterface ? ["-o", m.outInterface] : [];
    const family = m.sourceCidr.includes(":") ? 6 : 4;
    return [
        { family, table: "nat", chain: "POSTROUTING", spec: ["-s", m.sourceCidr, ...out, ...ownerComment(label), "-j", "MASQUERADE"] },
        ...(m.acceptForward ? acceptSubnet(family, m.sourceCidr, acceptVia(m), ownerComment(label)) : []),
    ];
}

/** The interface the ACCEPTs are bound to: the bridge the subnet lives on, or the way out. */
const acceptVia = (m: MasqueradeRuleInputs) => (m.excludeOutInterface ? { bridge: m.excludeOutInterface } : { out: m.outInterface ?? "" });
