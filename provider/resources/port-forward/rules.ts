// Pure rules for PortForward: DNAT from prerouting (clients outside) and output (the host itself),
// plus a masquerade for clients on the target's own network (hairpin), for any backend.
import { isIPv6 } from "node:net";
import { type FirewallRule, hostAndPort, type Term } from "../../firewall/rule";
import type { Facts } from "../common/rule-set";
import type { PortForwardInputs } from "./schema";

export function targetOf(p: PortForwardInputs): string {
    return hostAndPort(p.targetAddress, p.targetPort);
}

/**
 * Equivalent to:
 *   iptables -t nat -A PREROUTING -p P (-d HOST | -m addrtype --dst-type LOCAL) [-i IF] --dport N -j DNAT --to T
 *   iptables -t nat -A OUTPUT     -p P (-d HOST | -m addrtype --dst-type LOCAL) --dport N -j DNAT --to T
 *   iptables -t nat -A POSTROUTING -s TARGET_NET -d T -p P --dport TP -m conntrack --ctstate DNAT -j MASQUERADE
 * (nft: `fib daddr type local tcp dport N dnat to T`, ...). The output rule is left out when
 * `inInterface` limits the forward. With `acceptForward`, forward ACCEPTs for exactly the forwarded
 * connections (target, port, DNAT state), appended after the rules already there.
 */
export function portForwardRules(p: PortForwardInputs, facts: Facts): FirewallRule[] {
    const family = isIPv6(p.targetAddress) ? 6 : 4;
    const proto: Term = { protocol: p.protocol };
    const to: Term = p.hostAddress ? { destination: p.hostAddress } : { localDestination: true };
    const dport: Term = { destinationPort: p.hostPort, protocol: p.protocol };
    const dnat = { dnat: { address: p.targetAddress, port: p.targetPort } };
    const rules: FirewallRule[] = [
        { family, hook: "prerouting", match: [proto, to, ...(p.inInterface ? [{ inInterface: p.inInterface }] : []), dport], action: dnat },
    ];
    if (!p.inInterface) {
        rules.push({ family, hook: "output", match: [proto, to, dport], action: dnat });
    }
    // The forwarded connections, as the target sees them: to its port, and its replies from it.
    const toTarget: Term[] = [proto, { destinationPort: p.targetPort, protocol: p.protocol }];
    const fromTarget: Term[] = [proto, { sourcePort: p.targetPort, protocol: p.protocol }];
    if (p.acceptForward) {
        rules.push(
            { family, hook: "forward", match: [{ destination: p.targetAddress }, ...toTarget, { conntrack: "dnat" }], action: { accept: true } },
            { family, hook: "forward", match: [{ source: p.targetAddress }, ...fromTarget, { conntrack: "related-established" }], action: { accept: true } },
        );
    }
    if (facts.hairpinCidr) {
        rules.push({
            family,
            hook: "postrouting",
            match: [{ source: facts.hairpinCidr }, { destination: p.targetAddress }, ...toTarget, { conntrack: "dnat" }],
            action: { masquerade: true },
        });
    }
    return rules;
}
