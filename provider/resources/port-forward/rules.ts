// Pure rules for PortForward: DNAT from PREROUTING (clients outside) and OUTPUT (the host itself),
// plus a masquerade for clients on the target's own network (hairpin). Every field replaces it.
import { isIPv6 } from "node:net";
import { ownerComment, type Rule } from "../../linux/iptables-argv";
import type { Facts } from "../common/rule-set";
import type { PortForwardInputs } from "./schema";

export function targetOf(p: PortForwardInputs): string {
    const port = p.targetPort;
    return isIPv6(p.targetAddress) ? `[${p.targetAddress}]:${port}` : `${p.targetAddress}:${port}`;
}

/**
 * Equivalent to:
 *   iptables -t nat -A PREROUTING -p P (-d HOST | -m addrtype --dst-type LOCAL) [-i IF] --dport N -j DNAT --to T
 *   iptables -t nat -A OUTPUT     -p P (-d HOST | -m addrtype --dst-type LOCAL) --dport N -j DNAT --to T
 *   iptables -t nat -A POSTROUTING -s TARGET_NET -d T -p P --dport TP -m conntrack --ctstate DNAT -j MASQUERADE
 * each tagged with the owner comment. OUTPUT is left out when `inInterface` limits the forward.
 * With `acceptForward`, FORWARD ACCEPTs for exactly the forwarded connections (target, port, DNAT
 * state), appended after the rules already there (DOCKER-USER, an admin's DROPs).
 */
export function portForwardRules(p: PortForwardInputs, label: string, facts: Facts): Rule[] {
    const family = isIPv6(p.targetAddress) ? 6 : 4;
    const proto = ["-p", p.protocol];
    const to = p.hostAddress ? ["-d", p.hostAddress] : ["-m", "addrtype", "--dst-type", "LOCAL"];
    const dport = ["-m", p.protocol, "--dport", String(p.hostPort)];
    const dnat = [...ownerComment(label), "-j", "DNAT", "--to-destination", targetOf(p)];
    const rules: Rule[] = [
        {
            family,
            table: "nat",
            chain: "PREROUTING",
            spec: [...proto, ...to, ...(p.inInterface ? ["-i", p.inInterface] : []), ...dport, ...dnat],
        },
    ];
    if (!p.inInterface) {
        rules.push({ family, table: "nat", chain: "OUTPUT", spec: [...proto, ...to, ...dport, ...dnat] });
    }
    // The forwarded connections, as the target sees them: to its port, and its replies from it.
    const toTarget = [...proto, "-m", p.protocol, "--dport", String(p.targetPort)];
    const fromTarget = [...proto, "-m", p.protocol, "--sport", String(p.targetPort)];
    const state = (s: string) => ["-m", "conntrack", "--ctstate", s, ...ownerComment(label)];
    if (p.acceptForward) {
        rules.push(
            { family, table: "filter", chain: "FORWARD", spec: ["-d", p.targetAddress, ...toTarget, ...state("DNAT"), "-j", "ACCEPT"] },
            { family, table: "filter", chain: "FORWARD", spec: ["-s", p.targetAddress, ...fromTarget, ...state("RELATED,ESTABLISHED"), "-j", "ACCEPT"] },
        );
    }
    if (facts.hairpinCidr) {
        rules.push({
            family,
            table: "nat",
            chain: "POSTROUTING",
            spec: ["-s", facts.hairpinCidr, "-d", p.targetAddress, ...toTarget, ...state("DNAT"), "-j", "MASQUERADE"],
        });
    }
    return rules;
}
