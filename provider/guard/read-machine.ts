// What the guard rails judge, from the machine's snapshot (inspect/snapshot.ts: read through the
// Host seam, here or SSH, and shared, so a preview of many resources reads a machine a few times,
// not once per resource): the host namespace's links and routes, its listening sockets and its
// DNAT rules.
import type { Host } from "../host/host";
import { hostRoutes } from "../inspect/host-network";
import { snapshotOf } from "../inspect/snapshot";
import { configuredAddresses } from "../linux/ip-json";
import { OWNER_PREFIX } from "../linux/owner-marks";
import type { Listener } from "./listeners";
import { parseNftPortClaims } from "./nft-port-claims";
import type { MachineView } from "./overlap";
import { type PortClaim, parsePortClaims } from "./port-claims";

/** The host namespace's links (global addresses, owner mark) and routes (main table). */
export async function readMachineView(host: Host): Promise<MachineView> {
    const snapshot = snapshotOf(host);
    const [links, v4, v6] = await Promise.all([snapshot.links(), snapshot.routes(4), snapshot.routes(6)]);
    return {
        links: links.map(({ link, addresses }) => ({
            name: link.name,
            addresses: configuredAddresses(addresses),
            ...(link.alias?.startsWith(OWNER_PREFIX) ? { owner: link.alias } : {}),
        })),
        routes: [...hostRoutes(4, v4), ...hostRoutes(6, v6)],
    };
}

/** Listening sockets; none when `ss` is not installed there. */
export function readListeners(host: Host): Promise<Listener[]> {
    return snapshotOf(host).listeners();
}

/**
 * DNAT rules of one family, in iptables and in native nftables tables; none of a tool whose listing
 * cannot be read. iptables-nft's nat tables are read through iptables when it can be, once.
 */
export async function readPortClaims(host: Host, family: 4 | 6): Promise<PortClaim[]> {
    const snapshot = snapshotOf(host);
    const [saved, ruleset] = await Promise.all([snapshot.nat(family), snapshot.nftRuleset()]);
    return [...parsePortClaims(saved ?? ""), ...(ruleset ? parseNftPortClaims(ruleset, family, { withIptablesTables: saved === undefined }) : [])];
}
