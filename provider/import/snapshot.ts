// What `pulumi-netns import` reads of a machine, through the Host seam (this machine or SSH):
// listings only, nothing changed. The planner (plan.ts) works on this alone, so it is tested
// with fixtures.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { outputOrNothing } from "../host/optional-read";
import type { HostNetwork } from "../inspect/host-network";
import { readHostNetwork } from "../inspect/read-host-network";
import { parseRoutes, type RouteEntry } from "../linux/ip-json";

/** A route as the kernel lists it, with its protocol ("boot" for `ip route add`, "kernel" for a subnet's own). */
export interface ListedRoute extends RouteEntry {
    family: 4 | 6;
}

export interface MachineSnapshot {
    network: HostNetwork;
    /** Each namespace's routes, with their protocol (HostNetwork keeps only whether pulumi-netns made them). */
    namespaceRoutes: Record<string, ListedRoute[]>;
    /** A host link's name -> the namespace holding its veth peer (from the link's netnsid and `ip netns list`'s ids). */
    peerNamespaceOf: Record<string, string>;
    /** `iptables-save -t nat` and `ip6tables-save -t nat`; empty where they could not be read. */
    nat4: string;
    nat6: string;
}

async function routesOf(host: Host, namespace: string): Promise<ListedRoute[]> {
    const list = async (family: 4 | 6) =>
        parseRoutes(ensureSuccess(await host.run(["ip", "-n", namespace, "-j", `-${family}`, "route", "show"])).stdout).map((r) => ({ ...r, family }));
    return [...(await list(4)), ...(await list(6))];
}

/** Pure: which namespace each host veth's peer is in, from `ip -j -d link show` and `ip -j netns list`. */
export function peerNamespaces(links: string, namespaces: string): Record<string, string> {
    const parse = (text: string): Record<string, unknown>[] => (text.trim() ? (JSON.parse(text) as Record<string, unknown>[]) : []);
    const byId = new Map(
        parse(namespaces)
            .filter((n) => typeof n.id === "number")
            .map((n) => [n.id as number, String(n.name)]),
    );
    const out: Record<string, string> = {};
    for (const l of parse(links)) {
        const ns = typeof l.link_netnsid === "number" ? byId.get(l.link_netnsid) : undefined;
        if (ns && typeof l.ifname === "string") {
            out[l.ifname] = ns;
        }
    }
    return out;
}

export async function readSnapshot(host: Host): Promise<MachineSnapshot> {
    const ok = async (argv: string[]) => ensureSuccess(await host.run(argv)).stdout;
    const [network, links, namespaces, nat4, nat6] = await Promise.all([
        readHostNetwork(host),
        ok(["ip", "-j", "-d", "link", "show"]),
        ok(["ip", "-j", "netns", "list"]),
        outputOrNothing(host, ["iptables-save", "-t", "nat"]),
        outputOrNothing(host, ["ip6tables-save", "-t", "nat"]),
    ]);
    const namespaceRoutes: Record<string, ListedRoute[]> = {};
    await Promise.all(
        network.namespaces.map(async (ns) => {
            namespaceRoutes[ns.name] = await routesOf(host, ns.name);
        }),
    );
    return { network, namespaceRoutes, peerNamespaceOf: peerNamespaces(links, namespaces), nat4: nat4 ?? "", nat6: nat6 ?? "" };
}
