// One machine's listings, read through its Host (here or SSH) and shared: the guard rails, the
// probes' diagnosis, getHostNetwork and `graph --live` all read a machine through this, so a preview
// of many resources reads each listing of it once, not once per resource. A read is shared while it
// runs and for two seconds after (a change made since is seen after that); a failed read is not kept.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { outputOrNothing } from "../host/optional-read";
import { netnsList } from "../linux/ip-argv";
import { type LinkListing, parseLinkListings, parseNetnsNames, parseRoutes, type RouteEntry } from "../linux/ip-json";
import { listChain } from "../linux/iptables-argv";
import { listRuleset } from "../linux/nft-json";
import { type Listener, listListeners, parseListeners } from "../linux/ss-listeners";
import { sysctlRead } from "../linux/sysctl-argv";

/** How long a finished read is shared. */
export const SHARED_MS = 2000;

const inNs = (namespace?: string) => (namespace ? ["-n", namespace] : []);

/** Equivalent to: `ip [-n NS] -j -d addr show` (links with their details and addresses). */
export const addrShowAll = (namespace?: string): string[] => ["ip", ...inNs(namespace), "-j", "-d", "addr", "show"];
/** Equivalent to: `ip [-n NS] -j -4|-6 route show` (the main table). */
export const routeShowMain = (family: 4 | 6, namespace?: string): string[] => ["ip", ...inNs(namespace), "-j", `-${family}`, "route", "show"];
/** Equivalent to: `iptables-save -t nat` (ip6tables-save for IPv6). */
export const saveNat = (family: 4 | 6): string[] => [family === 4 ? "iptables-save" : "ip6tables-save", "-t", "nat"];

/** The listings of one machine, each read at most once per moment. */
export interface Snapshot {
    /** Links with addresses, of the host namespace or of `namespace`. */
    links(namespace?: string): Promise<LinkListing[]>;
    /** Routes of the main table. */
    routes(family: 4 | 6, namespace?: string): Promise<RouteEntry[]>;
    /** The named network namespaces (`ip netns list`). */
    namespaces(): Promise<string[]>;
    /** Listening sockets; none when `ss` is not there. */
    listeners(): Promise<Listener[]>;
    /** `iptables-save -t nat` of a family; undefined when it cannot be read. */
    nat(family: 4 | 6): Promise<string | undefined>;
    /** `nft -j list ruleset`; undefined when nft is not there or cannot list. */
    nftRuleset(): Promise<string | undefined>;
    /** A sysctl's value; undefined when it cannot be read. */
    sysctl(key: string): Promise<string | undefined>;
    /** `iptables -S CHAIN` of the filter table (a policy and rules); undefined when it cannot be read. */
    filterChain(family: 4 | 6, chain: string): Promise<string | undefined>;
}

const reads = new WeakMap<Host, Map<string, { at: number; value: Promise<unknown> }>>();

/** `read` of `host`, or the same read started less than SHARED_MS ago (or still running). */
function shared<T>(host: Host, key: string, read: () => Promise<T>): Promise<T> {
    let mine = reads.get(host);
    if (!mine) {
        mine = new Map();
        reads.set(host, mine);
    }
    const recent = mine.get(key);
    if (recent && Date.now() - recent.at < SHARED_MS) {
        return recent.value as Promise<T>;
    }
    const value = read();
    const entry = { at: Date.now(), value };
    mine.set(key, entry);
    // Shared from its end, not its start: a slow read is not read again the moment it is done.
    value.then(
        () => {
            entry.at = Date.now();
        },
        () => mine.delete(key),
    );
    return value;
}

/** The snapshot of `host`: the same object's reads are shared across every caller. */
export function snapshotOf(host: Host): Snapshot {
    const ok = async (argv: string[]) => ensureSuccess(await host.run(argv)).stdout;
    const maybe = (argv: string[]) => outputOrNothing(host, argv);
    return {
        links: (namespace) => shared(host, `links ${namespace ?? ""}`, async () => parseLinkListings(await ok(addrShowAll(namespace)))),
        routes: (family, namespace) => shared(host, `routes${family} ${namespace ?? ""}`, async () => parseRoutes(await ok(routeShowMain(family, namespace)))),
        namespaces: () => shared(host, "namespaces", async () => parseNetnsNames(await ok(netnsList()))),
        listeners: () => shared(host, "listeners", async () => parseListeners((await maybe(listListeners())) ?? "")),
        nat: (family) => shared(host, `nat${family}`, () => maybe(saveNat(family))),
        nftRuleset: () => shared(host, "nft", () => maybe(listRuleset())),
        sysctl: (key) => shared(host, `sysctl ${key}`, () => maybe(sysctlRead(key))),
        filterChain: (family, chain) => shared(host, `filter${family} ${chain}`, () => maybe(listChain(family, "filter", chain))),
    };
}
