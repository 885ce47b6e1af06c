// Bridge CRUD against the kernel: `ip link add type bridge`, owner alias, up, addresses.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { checkInputs, parseInputs } from "../common/check";
import { describeOwner, ownerLabel } from "../common/owner";
import { ResourceError, alreadyExists, forResource, goneOnUpdate, notOurs } from "../common/resource-error";
import { liveAddresses, reconcileAddresses } from "../common/reconcile";
import { runTransaction } from "../common/steps";
import { diffBridge } from "./plan";
import { type BridgeInputs, type BridgeState, bridgeInputs } from "./schema";

const KIND = "Bridge";

export function bridgeProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(bridgeInputs, KIND, props);
    const client = (state: { connection?: unknown }) => new IpClient(resolveHost(state.connection));

    /** The bridge's live state, or undefined when it is gone or is not the one we made. */
    async function observe(ip: IpClient, name: string, ownerTag: string, userAddresses: string[]) {
        const link = await ip.link(name);
        if (!link || link.alias !== ownerLabel(ownerTag)) {
            return { link, ours: false as const };
        }
        return { link, ours: true as const, addresses: await liveAddresses(ip, name, userAddresses) };
    }

    async function stateOf(ip: IpClient, inputs: BridgeInputs, ownerTag: string): Promise<BridgeState> {
        const link = await ip.link(inputs.name);
        if (!link) {
            throw new ResourceError(KIND, inputs.name, "disappeared while it was being configured");
        }
        return { ...inputs, mtu: link.mtu, macAddress: link.macAddress ?? "", ownerTag };
    }

    return {
        check: async (_olds, news) => checkInputs(bridgeInputs, news, ["ip"]),

        diff: async (_id, olds, news) => diffBridge(olds, news),

        create: async (props) => {
            const inputs = parse(props);
            const ip = client(inputs);
            const { name, ownerTag } = inputs;
            let adopted = false;
            const outs = await forResource(KIND, name, async () => {
                await runTransaction([
                    {
                        name: "create the bridge",
                        run: async () => {
                            if ((await ip.bridgeAdd(name, inputs.mtu)) === "exists") {
                                // Ours already when a create of this resource was cut off before Pulumi recorded it.
                                const link = await ip.link(name);
                                if (link?.alias !== ownerLabel(ownerTag) || link.kind !== "bridge") {
                                    const what = link?.kind ? `a ${link.kind} interface` : "an interface";
                                    throw alreadyExists(KIND, name, what, ip.host.description,
                                        describeOwner(link?.alias), `ip link del ${name}`);
                                }
                                adopted = true;
                            }
                        },
                        undo: async () => { await ip.linkDelete(name); },
                    },
                    { name: "mark its owner", run: () => ip.linkSetAlias(name, ownerLabel(ownerTag)) },
                    {
                        name: "set its MTU",
                        run: async () => { if (adopted && inputs.mtu) { await ip.linkSetMtu(name, inputs.mtu); } },
                    },
                    { name: "set it up", run: () => ip.linkSetUp(name, true) },
                    {
                        name: "add its addresses",
                        run: async () => reconcileAddresses(ip, name,
                            adopted ? await liveAddresses(ip, name, inputs.addresses) : [], inputs.addresses),
                    },
                ]);
                return stateOf(ip, inputs, ownerTag);
            });
            return { id: name, outs };
        },

        read: async (id, props) => {
            const state = props as BridgeState;
            const found = await observe(client(state), state.name, state.ownerTag, state.addresses);
            if (!found.ours) {
                return {};
            }
            const live: BridgeState = {
                ...state, addresses: found.addresses, mtu: found.link.mtu, macAddress: found.link.macAddress ?? "",
            };
            return { id, props: live };
        },

        update: async (_id, olds, news) => {
            const state = olds as BridgeState;
            const inputs = parse(news);
            const ip = client(inputs);
            const outs = await forResource(KIND, inputs.name, async () => {
                const found = await observe(ip, inputs.name, state.ownerTag, inputs.addresses);
                if (!found.ours) {
                    throw goneOnUpdate(KIND, inputs.name);
                }
                if (inputs.mtu !== undefined && inputs.mtu !== found.link.mtu) {
                    await ip.linkSetMtu(inputs.name, inputs.mtu);
                }
                await reconcileAddresses(ip, inputs.name, found.addresses, inputs.addresses);
                return stateOf(ip, inputs, state.ownerTag);
            });
            return { outs };
        },

        delete: async (_id, props) => {
            const state = props as BridgeState;
            const ip = client(state);
            await forResource(KIND, state.name, async () => {
                const found = await observe(ip, state.name, state.ownerTag, state.addresses);
                if (!found.link) {
                    return;
                }
                if (!found.ours) {
                    throw notOurs(KIND, state.name, describeOwner(found.link.alias));
                }
                await ip.linkDelete(state.name);
            });
        },
    };
}
