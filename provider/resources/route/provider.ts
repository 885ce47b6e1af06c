// Route CRUD: `ip route add ... proto 245` in the host or a namespace; found by its key.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { canonicalIp } from "../../schemas/addresses";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { checkInputs, parseInputs } from "../common/check";
import { eventually, settleMs } from "../common/eventually";
import { alreadyExists, forResource } from "../common/resource-error";
import { diffRoute, routeSpec } from "./plan";
import { type RouteInputs, routeInputs } from "./schema";

const KIND = "Route";

/** The route as the kernel made it, recorded at create. */
const installedSchema = z.object({ metric: z.number(), device: z.string(), via: z.string().optional() });
type Installed = z.infer<typeof installedSchema>;
const installedOf = (props: Record<string, unknown>): Installed | undefined => installedSchema.optional().parse(props.installed);

const describe = (r: RouteInputs) => `${r.destination}${r.metric !== undefined ? ` metric ${r.metric}` : ""} in ${r.namespace ?? "the host namespace"}`;

export function routeProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(routeInputs, KIND, props);
    const client = (state: { connection?: unknown }) => new IpClient(resolveHost(state.connection));

    /**
     * Our route, if the kernel still has it: the one with exactly the metric, gateway and device it
     * was made with (recorded at create). Another stack's route to the same destination has another
     * metric, gateway or device, and is never taken for ours.
     */
    async function find(ip: IpClient, r: RouteInputs, installed: Installed | undefined) {
        const routes = await ip.routes(routeSpec(r), r.namespace);
        return routes.find((k) => installed
            ? k.metric === installed.metric && k.device === installed.device && k.via === installed.via
            // State from before the exact record: as precise as the inputs allow.
            : k.metric === (r.metric ?? k.metric) && (r.device === undefined || k.device === r.device));
    }

    /** What the kernel made of the route just added: the metric and device it chose when the inputs left them open. */
    async function installedRoute(ip: IpClient, r: RouteInputs): Promise<Installed> {
        const made = (await ip.routes(routeSpec(r), r.namespace)).find((k) =>
            (r.metric === undefined || k.metric === r.metric) && (r.device === undefined || k.device === r.device) &&
            (r.via === undefined || k.via === canonicalIp(r.via)));
        if (!made?.device) {
            throw new Error("the route was added but the kernel does not list it");
        }
        return { metric: made.metric, device: made.device, ...(made.via ? { via: made.via } : {}) };
    }

    /** The exact route to delete: the recorded metric, gateway and device, so no other route matches. */
    const exactSpec = (r: RouteInputs, installed: Installed | undefined) =>
        installed ? { ...routeSpec(r), metric: installed.metric, device: installed.device, via: installed.via } : routeSpec(r);

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
            const installed = await forResource(KIND, describe(inputs), async () => {
                try {
                    return await installedRoute(ip, inputs);
                } catch (err) {
                    await ip.routeDelete(routeSpec(inputs), inputs.namespace); // the create is undone
                    throw err;
                }
            });
            const id = `${inputs.namespace ?? "host"}:${inputs.destination}:${inputs.metric ?? "-"}`;
            return { id, outs: { ...inputs, installed } };
        },

        read: async (id, props) => {
            const state = parse(props);
            const live = await find(client(state), state, installedOf(props));
            if (!live) {
                return {};
            }
            return { id, props: { ...props, via: live.via ?? state.via } };
        },

        // Every field replaces; an update only stores new connection credentials.
        update: async (_id, olds, news) => ({ outs: { ...parse(news), installed: installedOf(olds) } }),

        delete: async (_id, props) => {
            const state = parse(props);
            // Protocol, metric, gateway and device all in the spec: only exactly the route we made is removed;
            // a namespace already deleted took its routes with it.
            await forResource(KIND, describe(state), () =>
                client(state).routeDelete(exactSpec(state, installedOf(props)), state.namespace));
        },
    };
}
