// The seeds' verification as one list: pings across the bridge and out through NAT, the internet's
// view of the source, and the forwarded port from outside, from the host and from the other
// namespace (hairpin). IPv4 or IPv6; used by the demo and the e2e tests alike.
import { type CheckResult, httpGet, ping } from "./checks";
import type { Sandbox } from "./sandbox";
import { WORLD } from "./world";

export interface SeedLayout {
    /** The two namespaces: the first serves the forwarded port. */
    names: [string, string];
    /** Their addresses and the bridge's, in the family checked. */
    addresses: [string, string];
    gateway: string;
}

export const SEED_V4: SeedLayout = { names: ["ns1", "ns2"], addresses: ["192.168.1.10", "192.168.1.11"], gateway: "192.168.1.1" };
/** examples/network: the pool hands ns1 and ns2 the first free addresses after the gateway. */
export const NETWORK_LAYOUTS: [string, SeedLayout][] = [
    ["IPv4", { names: ["ns1", "ns2"], addresses: ["192.168.1.2", "192.168.1.3"], gateway: "192.168.1.1" }],
    ["IPv6", { names: ["ns1", "ns2"], addresses: ["fd00:1::2", "fd00:1::3"], gateway: "fd00:1::1" }],
];
export const SEED_V6: SeedLayout = { names: ["ns1", "ns2"], addresses: ["fd00:1::10", "fd00:1::11"], gateway: "fd00:1::1" };

const urlHost = (address: string) => (address.includes(":") ? `[${address}]` : address);

/**
 * Every check of the seeds, named for a table; `ok` false on any that failed. The forwarded port is
 * served by the test's whoami server (which names the client it saw), or with "http.server" by the
 * seeds' own `python3 -m http.server` (a directory listing).
 */
export async function seedChecks(
    sandbox: Sandbox,
    layout: SeedLayout = SEED_V4,
    served: "whoami" | "http.server" = "whoami",
): Promise<[string, CheckResult][]> {
    const v6 = layout.gateway.includes(":");
    const uplink = v6 ? WORLD.uplinkAddress6 : WORLD.uplinkAddress;
    const internet = v6 ? WORLD.internetAddress6 : WORLD.internetAddress;
    const [a, b] = layout.names;
    const [addrA, addrB] = layout.addresses;
    const forwarded = `http://${urlHost(uplink)}:5000/`;
    const web = `http://${urlHost(internet)}:${WORLD.internetPort}/`;
    const listing = (r: CheckResult) => (served === "whoami" ? r : expectListing(r));
    return [
        [`${a} -> ${b} (${addrB})`, await ping(sandbox, a, addrB)],
        [`${b} -> ${a} (${addrA})`, await ping(sandbox, b, addrA)],
        [`${a} -> bridge (${layout.gateway})`, await ping(sandbox, a, layout.gateway)],
        [`${b} -> bridge (${layout.gateway})`, await ping(sandbox, b, layout.gateway)],
        [`${a} -> host uplink (${uplink})`, await ping(sandbox, a, uplink)],
        [`${b} -> host uplink (${uplink})`, await ping(sandbox, b, uplink)],
        [`${a} -> wan (${internet}) via NAT`, await ping(sandbox, a, internet)],
        [`${b} -> wan (${internet}) via NAT`, await ping(sandbox, b, internet)],
        [`${a} -> wan HTTP: source seen`, expectDetail(await httpGet(sandbox, a, web), `the internet saw ${uplink}`)],
        [
            `client -> ${uplink}:5000 (DNAT)`,
            served === "whoami"
                ? expectDetail(await httpGet(sandbox, "client", forwarded), `${a} saw ${v6 ? WORLD.clientAddress6 : WORLD.clientAddress}`)
                : expectListing(await httpGet(sandbox, "client", forwarded)),
        ],
        [`host -> ${uplink}:5000`, listing(await httpGet(sandbox, undefined, forwarded))],
        [`${b} -> ${uplink}:5000 (hairpin)`, listing(await httpGet(sandbox, b, forwarded))],
    ];
}

/** A response is right only if it says what was expected (e.g. NAT: the internet saw the uplink). */
function expectDetail(r: CheckResult, expected: string): CheckResult {
    return r.ok && r.detail !== expected ? { ok: false, detail: `${r.detail} (expected "${expected}")` } : r;
}

/** The seeds' http.server answers with a directory listing: its first lines are the detail. */
function expectListing(r: CheckResult): CheckResult {
    const title = /Directory listing for [^<\n]*/.exec(r.detail)?.[0];
    return r.ok
        ? { ok: title !== undefined, detail: title ? `${title} (python3 -m http.server)` : `${r.detail.slice(0, 80)} (expected a directory listing)` }
        : r;
}

/** The names of the checks that failed, with their detail: [] when all passed. */
export const failedChecks = (rows: [string, CheckResult][]): string[] => rows.filter(([, r]) => !r.ok).map(([name, r]) => `${name}: ${r.detail}`);

/** Waits until no IPv6 address in the host or these namespaces is still tentative (duplicate address detection). */
export async function settleIpv6(sandbox: Sandbox, namespaces: string[], timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        let tentative = (await sandbox.sh("ip", "-6", "addr", "show", "tentative")).trim();
        for (const ns of namespaces) {
            tentative += (await sandbox.sh("ip", "-n", ns, "-6", "addr", "show", "tentative")).trim();
        }
        if (!tentative || Date.now() > deadline) {
            return;
        }
        await new Promise((r) => setTimeout(r, 200));
    }
}
