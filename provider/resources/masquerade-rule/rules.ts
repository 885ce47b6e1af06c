// Pure rules for MasqueradeRule: the firewall rules it stands for, for any backend.
import { acceptSubnet, type FirewallRule, type Term } from "../../firewall/rule";
import type { MasqueradeRuleInputs } from "./schema";

/**
 * Equivalent to: `iptables -t nat -A POSTROUTING -s CIDR [! -o IF | -o IF] -j MASQUERADE`
 * (nft: `ip saddr CIDR [oifname != IF | oifname IF] masquerade`), and with `acceptForward` the
 * forward ACCEPTs for the subnet through its interface, appended.
 */
export function masqueradeRules(m: MasqueradeRuleInputs): FirewallRule[] {
    const out: Term[] = m.excludeOutInterface ? [{ outInterface: m.excludeOutInterface, not: true }] : m.outInterface ? [{ outInterface: m.outInterface }] : [];
    const family = m.sourceCidr.includes(":") ? 6 : 4;
    return [
        { family, hook: "postrouting", match: [{ source: m.sourceCidr }, ...out], action: { masquerade: true } },
        ...(m.acceptForward ? acceptSubnet(family, m.sourceCidr, acceptVia(m)) : []),
    ];
}

/** The interface the ACCEPTs are bound to: the bridge the subnet lives on, or the way out. */
const acceptVia = (m: MasqueradeRuleInputs) => (m.excludeOutInterface ? { bridge: m.excludeOutInterface } : { out: m.outInterface ?? "" });
