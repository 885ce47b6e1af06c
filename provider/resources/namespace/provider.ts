// Namespace CRUD against the kernel: `ip netns add`, loopback up, owner mark on `lo`.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { checkInputs, parseInputs } from "../common/check";
import { describeOwner, ownerLabel } from "../common/owner";
import { alreadyExists, forResource, goneOnUpdate, notOurs } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { diffNamespace } from "./plan";
import { type NamespaceInputs, namespaceInputs } from "./schema";

const KIND = "Namespace";

export function namespaceProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(namespaceInputs, KIND, props);
    const client = (state: { connection?: unknown }) => new IpClient(resolveHost(state.connection));

    /** The namespace as the kernel has it, or why it is not ours. */
    async function inspect(ip: IpClient, state: NamespaceInputs) {
        if (!(await ip.netnsNames()).includes(state.name)) {
            return { exists: false as const };
        }
        const lo = await ip.link("lo", state.name);
        return { exists: true as const, ours: lo?.alias === ownerLabel(state.ownerTag), lo };
    }

    return {
        check: async (_olds, news) => checkInputs(namespaceInputs, news, ["ip"]),

        diff: async (_id, olds, news) => diffNamespace(olds, news),

        create: async (props) => {
            const inputs = parse(props);
            const ip = client(inputs);
            const { name, ownerTag } = inputs;
            await forResource(KIND, name, () => runTransaction([
                {
                    name: "create the namespace",
                    run: async () => {
                        if ((await ip.netnsAdd(name)) === "exists") {
                            // Ours already when a create of this resource was cut off before Pulumi recorded it.
                            const lo = await ip.link("lo", name);
                            if (lo?.alias !== ownerLabel(ownerTag)) {
                                throw alreadyExists(KIND, name, "a namespace", ip.host.description,
                                    describeOwner(lo?.alias), `ip netns del ${name}`);
                            }
                        }
                    },
                    undo: async () => { await ip.netnsDelete(name); },
                },
                { name: "mark its owner", run: () => ip.linkSetAlias("lo", ownerLabel(ownerTag), name) },
                { name: "set loopback up", run: () => ip.linkSetUp("lo", inputs.loopbackUp, name) },
            ]));
            const outs: NamespaceInputs = inputs;
            return { id: name, outs };
        },

        read: async (id, props) => {
            const state = props as NamespaceInputs;
            const found = await inspect(client(state), state);
            if (!found.exists || !found.ours) {
                return {};
            }
            return { id, props: { ...state, loopbackUp: found.lo?.up ?? false } };
        },

        update: async (_id, olds, news) => {
            const state = olds as NamespaceInputs;
            const inputs = parse(news);
            const ip = client(inputs);
            await forResource(KIND, inputs.name, async () => {
                const found = await inspect(ip, state);
                if (!found.exists || !found.ours) {
                    throw goneOnUpdate(KIND, inputs.name);
                }
                if (found.lo?.up !== inputs.loopbackUp) {
                    await ip.linkSetUp("lo", inputs.loopbackUp, inputs.name);
                }
            });
            const outs: NamespaceInputs = { ...inputs, ownerTag: state.ownerTag };
            return { outs };
        },

        delete: async (_id, props) => {
            const state = props as NamespaceInputs;
            const ip = client(state);
            await forResource(KIND, state.name, async () => {
                const found = await inspect(ip, state);
                if (!found.exists) {
                    return;
                }
                if (!found.ours) {
                    throw notOurs(KIND, state.name, describeOwner(found.lo?.alias));
                }
                await ip.netnsDelete(state.name);
            });
        },
    };
}
