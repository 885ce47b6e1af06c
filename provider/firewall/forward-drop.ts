// Whether forwarded traffic would be dropped on a machine, and whether `acceptForward` can answer:
// iptables' FORWARD policy DROP (as Docker sets it) is answered by ACCEPT rules in FORWARD (the
// iptables backend); a drop in a base chain of any other nftables table is final whatever any other
// chain accepts, so neither backend can answer it from its own rules: the admin's chain must.
import type { Host } from "../host/host";
import { outputOrNothing } from "../host/optional-read";
import { IptablesClient } from "../linux/iptables-client";
import { forwardDropChains, listRuleset } from "../linux/nft-json";
import type { FirewallName } from "./backend";
import { NFT_TABLE } from "./nft-render";

export interface ForwardProblem {
    property: "acceptForward";
    reason: string;
}

/**
 * Why the traffic would be dropped on `where`, as a failure of `acceptForward`, or undefined.
 * With iptables: its FORWARD policy is DROP and acceptForward is not chosen, or a native nftables
 * forward chain drops by default. With nftables: any forward chain of another table (iptables-nft's
 * FORWARD included) drops by default, or iptables' FORWARD policy is DROP, and acceptForward is not false.
 */
export async function forwardDropProblem(
    host: Host,
    backend: FirewallName,
    family: 4 | 6,
    acceptForward: boolean | undefined,
    where: string,
): Promise<ForwardProblem | undefined> {
    if (acceptForward === false) {
        return undefined;
    }
    // Both listings at once: over SSH, one round trip instead of two.
    const askPolicy = backend === "nftables" || !acceptForward;
    const policyNow = askPolicy ? new IptablesClient(host).policy(family, "filter", "FORWARD").catch(() => undefined) : Promise.resolve(undefined);
    const nft = await outputOrNothing(host, listRuleset());
    const chains = (nft ? forwardDropChains(nft, family, { withIptables: backend === "nftables" }) : []).filter((c) => !c.endsWith(` ${NFT_TABLE} forward`));
    if (chains.length > 0) {
        return {
            property: "acceptForward",
            reason:
                `the nftables chain ${chains.map((c) => `"${c}"`).join(", ")} on ${where} ` +
                "drops forwarded traffic by default, so this traffic would be dropped there whatever " +
                (backend === "nftables" ? `the table ${NFT_TABLE} accepts (a drop in another table's chain is final)` : "iptables accepts") +
                ": add an accept rule for it to that chain, then set acceptForward: false",
        };
    }
    const policy = await policyNow;
    if (policy !== "DROP") {
        return undefined;
    }
    if (backend === "nftables") {
        return {
            property: "acceptForward",
            reason:
                `the iptables FORWARD chain on ${where} drops by default (as Docker sets it), and rules in the nftables table ` +
                `${NFT_TABLE} cannot override it: use firewall: "iptables" with acceptForward: true, or accept the traffic in FORWARD yourself and set acceptForward: false`,
        };
    }
    return acceptForward
        ? undefined
        : {
              property: "acceptForward",
              reason:
                  `the FORWARD chain on ${where} drops by ` +
                  "default (as Docker sets it), so this traffic would be dropped: set acceptForward: true to add ACCEPT rules " +
                  "owned by this resource, or false if your own rules accept it",
          };
}
