// Route CRUD: `ip route add ... proto 245` in the host or a namespace; found by its key.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { checkInputs, parseInputs } from "../common/check";
import { eventually, settleMs } from "../common/eventually";
import { alreadyExists, forResource } from "../common/resource-error";
import { diffRoute, routeSpec } from "./plan";
import { type RouteInputs, routeInputs } from "./schema";

const KIND = "Route";

const describe = (r: RouteInputs) => `${r.destination}${r.metric !== undefined ? ` metric ${r.metric}` : ""} in ${r.namespace ?? "the host namespace"}`;

export function routeProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(routeInputs, KIND, props);
    const client = (state: { connection?: unknown }) => new IpClient(resolveHost(state.connection));

    /** Our route with this key, if the kernel still has it. */
    async function find(ip: IpClient, r: RouteInputs) {
        const routes = await ip.routes(routeSpec(r), r.namespace);
        return routes.find((k) => k.metric === (r.metric ?? k.metric) && (r.device === undefined || k.device === r.device));
    }

    return {
        check: async (_olds, news) => checkInputs(routeInputs, news, ["ip"]),

        diff: async (_id, olds, news) => diffRoute(olds, news),

        create: async (props) => {
            const inputs = parse(props);
            const ip = client(inputs);
            await forResource(KIND, describe(inputs), async () => {
                // The gateway's network may come from a VethPair created in parallel: wait for it a while.
                const added = await eventually(async () => {
                    const outcome = await ip.routeAdd(routeSpec(inputs), inputs.namespace);
                    return outcome === "unreachable" ? undefined : outcome;
                });
                if (added === undefined) {
                    const where = inputs.namespace ? `namespace ${inputs.namespace}` : "the host";
                    throw new Error(`${inputs.via ? `the gateway ${inputs.via}` : `the device ${inputs.device}`} is not ` +
                        `reachable in ${where} (waited ${settleMs() / 1000} s): no interface there has an address on its ` +
                        "network, or the namespace does not exist. Give it one (a VethPair with `addresses` in that " +
                        "namespace) or correct `via`.");
                }
                if (added === "exists") {
                    const ns = inputs.namespace ? `-n ${inputs.namespace} ` : "";
                    const metric = inputs.metric !== undefined ? ` metric ${inputs.metric}` : "";
                    throw alreadyExists(KIND, describe(inputs), "a route with this destination and metric",
                        ip.host.description, "it predates this resource", `ip ${ns}route del ${inputs.destination}${metric}`);
                }
            });
            const id = `${inputs.namespace ?? "host"}:${inputs.destination}:${inputs.metric ?? "-"}`;
            return { id, outs: inputs };
        },

        read: async (id, props) => {
            const state = parse(props);
            const live = await find(client(state), state);
            if (!live) {
                return {};
            }
            return { id, props: { ...props, via: live.via ?? state.via } };
        },

        // Every field replaces; an update only stores new connection credentials.
        update: async (_id, _olds, news) => ({ outs: parse(news) }),

        delete: async (_id, props) => {
            const state = parse(props);
            // The protocol in the spec means a route of the same key made by someone else is never removed;
            // a namespace already deleted took its routes with it.
            await forResource(KIND, describe(state), () => client(state).routeDelete(routeSpec(state), state.namespace));
        },
    };
}
