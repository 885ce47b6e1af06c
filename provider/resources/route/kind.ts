// Route: `ip route add ... proto 245` in the host or a namespace, waiting a while for a gateway that
// another resource of the same `up` is still making; read and deleted exactly as the kernel made it.
import { routeEntry } from "../../boot/kind-entries";
import { routeOverlap } from "../../guard/judges";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { canonicalIp } from "../../schemas/addresses";
import { adopting, type Existing, type Mismatch } from "../common/adopt";
import { eventually, settleMs } from "../common/eventually";
import { defineKind } from "../common/kind";
import { ResourceError } from "../common/resource-error";
import { gatewayCheck, gatewayOffNetwork, givenNetworks } from "./gateway-check";
import { exactSpec, ourRoute, ROUTE_PROTOCOL, routeSpec } from "./kernel-route";
import { type RouteInputs, routeFamily, routeInputs, routeState } from "./schema";

/** By then the checks of every resource registered with this one have been made. */
const CHECKS_ARRIVED_MS = 2000;

const label = (r: RouteInputs) => `${r.destination}${r.metric !== undefined ? ` metric ${r.metric}` : ""} in ${r.namespace ?? "the host namespace"}`;

/**
 * Create found a route of the same destination and metric that it did not make. In a namespace, it
 * can go; in the host's own table it may be what carries the session to the machine, so the way
 * out is another metric, never deleting it.
 */
export function routeTaken(r: RouteInputs, where: string): string {
    const metric = r.metric !== undefined ? ` metric ${r.metric}` : "";
    const route = `a route to ${r.destination}${metric}`;
    if (r.namespace) {
        return (
            `${route} already exists in namespace ${r.namespace} on ${where}, and this Route did not make it ` +
            `(routes it makes carry proto 245). Delete it there (\`ip -n ${r.namespace} route del ${r.destination}${metric}\`) ` +
            "if nothing needs it, or give this Route another metric."
        );
    }
    return (
        `${route} already exists in the host's own table on ${where}, and this Route did not make it (routes it ` +
        "makes carry proto 245). Leave it: on a machine reached over the network it may carry the session. Give this " +
        "Route another metric (a higher one, to stand behind it), or put it in a namespace."
    );
}

/** A route of the same key (destination, metric) someone else added, with what differs from the inputs. */
async function existing(host: Host, r: RouteInputs): Promise<Existing> {
    const family = routeFamily(r);
    const metric = r.metric ?? (family === 6 ? 1024 : 0);
    const same = (await new IpClient(host).routesToward({ family, destination: r.destination }, r.namespace)).filter((k) => k.metric === metric);
    if (same.length === 0) {
        return { found: "none" };
    }
    const theirs = same.find((k) => k.protocol !== String(ROUTE_PROTOCOL));
    if (!theirs) {
        return { found: "ours" };
    }
    const mismatches: Mismatch[] = [];
    if (r.via !== undefined && theirs.via !== canonicalIp(r.via)) {
        mismatches.push({ field: "via", live: theirs.via });
    }
    if (r.device !== undefined && theirs.device !== r.device) {
        mismatches.push({ field: "device", live: theirs.device });
    }
    return { found: "taken", what: `route ${label(r)}`, byHand: true, refusal: `Route "${label(r)}": ${routeTaken(r, host.description)}`, mismatches };
}

export const routeKind = defineKind({
    summary: "A route in the host's routing table or in a namespace's.",
    inputs: routeInputs,
    state: routeState,
    // The key (destination, namespace, metric) is the kernel name: kept, the old route goes first.
    fields: { destination: "name", namespace: "name", metric: "name", via: "replace", device: "replace", allowOverlap: "update" },
    tools: ["ip"],
    label,
    judge: async (host, inputs, where) => (await routeOverlap(host, inputs, where)) ?? (await gatewayCheck(host, inputs)),
    id: (r) => `${r.namespace ?? "host"}:${r.destination}:${r.metric ?? "-"}`,
    existing,

    async create(host, inputs) {
        const ip = new IpClient(host);
        // The route is added and listed by one process: the listing says what the kernel made of it.
        // Where the program registered the Route before the VethPair that gives its namespace a
        // network (YAML, Python and Go send them in either order), preview could not judge the
        // gateway; once every resource of the run has had its check, a gateway on none of the
        // networks given is not worth the whole wait.
        const started = Date.now();
        const added = await eventually(
            async () => {
                const attempt = await ip.routeAdd(routeSpec(inputs), inputs.namespace);
                return attempt.outcome === "unreachable" ? undefined : attempt;
            },
            settleMs(),
            () => Date.now() - started < CHECKS_ARRIVED_MS || gatewayOffNetwork(inputs, givenNetworks(inputs)) === undefined,
        );
        if (added === undefined) {
            const off = await gatewayCheck(host, inputs).catch(() => undefined);
            if (off) {
                throw new ResourceError("Route", label(inputs), `${off.property}: ${off.reason}`);
            }
            const where = inputs.namespace ? `namespace ${inputs.namespace}` : "the host";
            throw new Error(
                `${inputs.via ? `the gateway ${inputs.via}` : `the device ${inputs.device}`} is not ` +
                    `reachable in ${where} (waited ${settleMs() / 1000} s): no interface there has an address on its ` +
                    "network, or the namespace does not exist. Give it one (a VethPair with `addresses` in that " +
                    "namespace) or correct `via`.",
            );
        }
        let routes = added.outcome === "created" ? added.routes : [];
        if (added.outcome === "exists") {
            if (!(await adopting(inputs.adopt, "Route", label(inputs), host.description, () => existing(host, inputs)))) {
                throw new ResourceError("Route", label(inputs), routeTaken(inputs, host.description));
            }
            // The same route swapped for its marked twin (proto 245) in one step: traffic never lacks it.
            routes = await ip.routeReplace(routeSpec(inputs), inputs.namespace);
        }
        const made = ourRoute(routes, inputs, undefined);
        if (!made?.device) {
            await ip.routeDelete(routeSpec(inputs), inputs.namespace); // the create is undone
            throw new Error("the route was added but the kernel does not list it");
        }
        return { ...inputs, installed: { metric: made.metric, device: made.device, ...(made.via ? { via: made.via } : {}) } };
    },

    async observe(host, route) {
        const live = ourRoute(await new IpClient(host).routes(routeSpec(route), route.namespace), route, route.installed);
        return live ? { found: "ours", live: { ...route, via: live.via ?? route.via } } : { found: "gone" };
    },

    // Every field replaces; an update only stores new connection credentials.
    update: async (_host, live, inputs) => ({ ...inputs, installed: live.installed }),

    async remove(host, route) {
        // Protocol, metric, gateway and device all in the spec: only exactly the route we made goes;
        // a namespace already deleted took its routes with it.
        await new IpClient(host).routeDelete(exactSpec(route, route.installed), route.namespace);
    },

    boot: (route) => routeEntry(exactSpec(route, route.installed), route.namespace),
});
