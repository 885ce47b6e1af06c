// Reads a machine's network through the Host seam (this machine or SSH): listings only, nothing
// changed. Used at program time by getHostNetwork and by `pulumi-netns graph --live`.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { outputOrNothing } from "../host/optional-read";
import { parseLinkListings, parseNetnsNames, parseRoutes } from "../linux/ip-json";
import { listChain } from "../linux/iptables-argv";
import { parsePolicy } from "../linux/iptables-listing";
import { IPV4_FORWARD, IPV6_FORWARD, sysctlRead } from "../linux/sysctl-argv";
import { type HostNetwork, type HostRoute, hostLinks, hostRoutes, namespaceNetwork, uplinkOf } from "./host-network";

const inNs = (namespace?: string) => (namespace ? ["-n", namespace] : []);

async function readNamespace(host: Host, namespace?: string) {
    const ok = async (argv: string[]) => ensureSuccess(await host.run(argv)).stdout;
    const [addr, v4, v6] = await Promise.all([
        ok(["ip", ...inNs(namespace), "-j", "-d", "addr", "show"]),
        ok(["ip", ...inNs(namespace), "-j", "-4", "route", "show"]),
        ok(["ip", ...inNs(namespace), "-j", "-6", "route", "show"]),
    ]);
    const routes: HostRoute[] = [...hostRoutes(4, parseRoutes(v4)), ...hostRoutes(6, parseRoutes(v6))];
    return { links: hostLinks(parseLinkListings(addr)), routes };
}

export async function readHostNetwork(host: Host): Promise<HostNetwork> {
    const [own, names, forward4, forward6, policy4, policy6] = await Promise.all([
        readNamespace(host),
        host.run(["ip", "-j", "netns", "list"]).then((r) => parseNetnsNames(ensureSuccess(r).stdout)),
        outputOrNothing(host, sysctlRead(IPV4_FORWARD)),
        outputOrNothing(host, sysctlRead(IPV6_FORWARD)),
        outputOrNothing(host, listChain(4, "filter", "FORWARD")),
        outputOrNothing(host, listChain(6, "filter", "FORWARD")),
    ]);
    const namespaces = await Promise.all(
        names.sort().map(async (name) => {
            const { links, routes } = await readNamespace(host, name);
            return namespaceNetwork(name, links, routes);
        }),
    );
    return {
        machine: host.description,
        links: own.links,
        routes: own.routes,
        ...(uplinkOf(own.routes, 4) ? { uplink: uplinkOf(own.routes, 4) } : {}),
        ...(uplinkOf(own.routes, 6) ? { uplink6: uplinkOf(own.routes, 6) } : {}),
        namespaces,
        forwarding: { ipv4: forward4?.trim() === "1", ipv6: forward6?.trim() === "1" },
        forwardPolicy: {
            ...(policy4 && parsePolicy(policy4) ? { ipv4: parsePolicy(policy4) } : {}),
            ...(policy6 && parsePolicy(policy6) ? { ipv6: parsePolicy(policy6) } : {}),
        },
    };
}
