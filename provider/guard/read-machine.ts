// Reads what the guard rails judge, through the Host seam (this machine or SSH): the host
// namespace's links and routes, its listening sockets and its DNAT rules. Listings only. Reads of
// one machine are shared for a moment, so a preview of many resources reads it a few times, not
// once per resource.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { outputOrNothing } from "../host/optional-read";
import { hostRoutes } from "../inspect/host-network";
import { configuredAddresses, parseLinkListings, parseRoutes } from "../linux/ip-json";
import { listRuleset } from "../linux/nft-json";
import { OWNER_PREFIX } from "../linux/owner-marks";
import { type Listener, listListeners, parseListeners } from "./listeners";
import { parseNftPortClaims } from "./nft-port-claims";
import type { MachineView } from "./overlap";
import { type PortClaim, parsePortClaims, saveNat } from "./port-claims";

const SHARED_MS = 2000;
const cache = new WeakMap<Host, Map<string, { at: number; value: Promise<unknown> }>>();

/** `read` of `host`, or the same read started less than two seconds ago. */
function shared<T>(host: Host, key: string, read: () => Promise<T>): Promise<T> {
    let reads = cache.get(host);
    if (!reads) {
        reads = new Map();
        cache.set(host, reads);
    }
    const recent = reads.get(key);
    if (recent && Date.now() - recent.at < SHARED_MS) {
        return recent.value as Promise<T>;
    }
    const value = read();
    reads.set(key, { at: Date.now(), value });
    value.catch(() => reads.delete(key));
    return value;
}

/** The host namespace's links (global addresses, owner mark) and routes (main table). */
export function readMachineView(host: Host): Promise<MachineView> {
    return shared(host, "view", async () => {
        const ok = async (argv: string[]) => ensureSuccess(await host.run(argv)).stdout;
        const [addr, v4, v6] = await Promise.all([
            ok(["ip", "-j", "-d", "addr", "show"]),
            ok(["ip", "-j", "-4", "route", "show"]),
            ok(["ip", "-j", "-6", "route", "show"]),
        ]);
        return {
            links: parseLinkListings(addr).map(({ link, addresses }) => ({
                name: link.name,
                addresses: configuredAddresses(addresses),
                ...(link.alias?.startsWith(OWNER_PREFIX) ? { owner: link.alias } : {}),
            })),
            routes: [...hostRoutes(4, parseRoutes(v4)), ...hostRoutes(6, parseRoutes(v6))],
        };
    });
}

/** Listening sockets; none when `ss` is not installed there. */
export function readListeners(host: Host): Promise<Listener[]> {
    return shared(host, "listeners", async () => parseListeners((await outputOrNothing(host, listListeners())) ?? ""));
}

/**
 * DNAT rules of one family, in iptables and in native nftables tables; none of a tool whose listing
 * cannot be read. iptables-nft's nat tables are read through iptables when it can be, once.
 */
export function readPortClaims(host: Host, family: 4 | 6): Promise<PortClaim[]> {
    return shared(host, `nat${family}`, async () => {
        const [saved, ruleset] = await Promise.all([outputOrNothing(host, saveNat(family)), outputOrNothing(host, listRuleset())]);
        return [...parsePortClaims(saved ?? ""), ...(ruleset ? parseNftPortClaims(ruleset, family, { withIptablesTables: saved === undefined }) : [])];
    });
}
