// VethPair CRUD: the pair is born with its peer inside the namespace, the host end joins the
// bridge, both ends come up, and the peer gets its addresses.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { checkInputs, parseInputs } from "../common/check";
import { describeOwner, ownerLabel } from "../common/owner";
import { liveAddresses, reconcileAddresses } from "../common/reconcile";
import { ResourceError, alreadyExists, forResource, goneOnUpdate, notOurs } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { diffVethPair } from "./plan";
import { type VethPairInputs, type VethPairState, vethPairInputs } from "./schema";

const KIND = "VethPair";

export function vethPairProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(vethPairInputs, KIND, props);
    const client = (state: { connection?: unknown }) => new IpClient(resolveHost(state.connection));

    /** Both ends as the kernel has them; ours only when both carry our owner mark. */
    async function observe(ip: IpClient, state: VethPairInputs) {
        const label = ownerLabel(state.ownerTag);
        const hostEnd = await ip.link(state.hostName);
        const peerEnd = await ip.link(state.peerName, state.namespace);
        if (hostEnd?.alias !== label || peerEnd?.alias !== label) {
            return { hostEnd, peerEnd, ours: false as const };
        }
        const addresses = await liveAddresses(ip, state.peerName, state.addresses, state.namespace);
        return { hostEnd, peerEnd, ours: true as const, addresses };
    }

    /** Explains an "exists" from `ip link add`: which end is taken, and by whom. */
    async function whichEndExists(ip: IpClient, inputs: VethPairInputs): Promise<ResourceError> {
        const hostEnd = await ip.link(inputs.hostName);
        if (hostEnd) {
            return alreadyExists(KIND, inputs.hostName, `a${hostEnd.kind ? ` ${hostEnd.kind}` : "n"} interface`,
                ip.host.description, describeOwner(hostEnd.alias), `ip link del ${inputs.hostName}`);
        }
        const peerEnd = await ip.link(inputs.peerName, inputs.namespace);
        return alreadyExists(KIND, inputs.peerName, `an interface in namespace ${inputs.namespace}`,
            ip.host.description, describeOwner(peerEnd?.alias), `ip -n ${inputs.namespace} link del ${inputs.peerName}`);
    }

    async function stateOf(ip: IpClient, inputs: VethPairInputs, ownerTag: string): Promise<VethPairState> {
        const hostEnd = await ip.link(inputs.hostName);
        if (!hostEnd) {
            throw new ResourceError(KIND, inputs.hostName, "disappeared while it was being configured");
        }
        return { ...inputs, mtu: hostEnd.mtu, ownerTag };
    }

    return {
        check: async (_olds, news) => checkInputs(vethPairInputs, news, ["ip"]),

        diff: async (_id, olds, news) => diffVethPair(olds, news),

        create: async (props) => {
            const inputs = parse(props);
            const ip = client(inputs);
            const { hostName, peerName, namespace, ownerTag } = inputs;
            const label = ownerLabel(ownerTag);
            let adopted = false;
            const outs = await forResource(KIND, hostName, async () => {
                await runTransaction([
                    {
                        name: "create the pair",
                        run: async () => {
                            if ((await ip.vethAdd(hostName, peerName, namespace, inputs.mtu)) === "exists") {
                                // Ours already when a create of this resource was cut off before Pulumi recorded it.
                                adopted = (await observe(ip, inputs)).ours;
                                if (!adopted) {
                                    throw await whichEndExists(ip, inputs);
                                }
                            }
                        },
                        // Deleting one end deletes both.
                        undo: async () => { await ip.linkDelete(hostName); },
                    },
                    { name: "mark the host end", run: () => ip.linkSetAlias(hostName, label) },
                    { name: "mark the peer", run: () => ip.linkSetAlias(peerName, label, namespace) },
                    {
                        name: "attach the host end to the bridge",
                        run: async () => { if (inputs.bridge) { await ip.linkSetMaster(hostName, inputs.bridge); } },
                    },
                    { name: "set the host end up", run: () => ip.linkSetUp(hostName, true) },
                    { name: "set the peer up", run: () => ip.linkSetUp(peerName, true, namespace) },
                    {
                        name: "address the peer",
                        run: async () => reconcileAddresses(ip, peerName,
                            adopted ? await liveAddresses(ip, peerName, inputs.addresses, namespace) : [],
                            inputs.addresses, namespace),
                    },
                ]);
                return stateOf(ip, inputs, ownerTag);
            });
            return { id: `${hostName}:${namespace}/${peerName}`, outs };
        },

        read: async (id, props) => {
            const state = props as VethPairState;
            const found = await observe(client(state), state);
            if (!found.ours) {
                return {};
            }
            const live: VethPairState = {
                ...state, bridge: found.hostEnd.master, addresses: found.addresses, mtu: found.hostEnd.mtu,
            };
            if (live.bridge === undefined) {
                delete live.bridge;
            }
            return { id, props: live };
        },

        update: async (_id, olds, news) => {
            const state = olds as VethPairState;
            const inputs = parse(news);
            const ip = client(inputs);
            const outs = await forResource(KIND, inputs.hostName, async () => {
                const found = await observe(ip, { ...inputs, ownerTag: state.ownerTag });
                if (!found.ours) {
                    throw goneOnUpdate(KIND, inputs.hostName);
                }
                if (inputs.mtu !== undefined && inputs.mtu !== found.hostEnd.mtu) {
                    await ip.linkSetMtu(inputs.hostName, inputs.mtu);
                    await ip.linkSetMtu(inputs.peerName, inputs.mtu, inputs.namespace);
                }
                if (inputs.bridge !== found.hostEnd.master) {
                    await ip.linkSetMaster(inputs.hostName, inputs.bridge);
                }
                await reconcileAddresses(ip, inputs.peerName, found.addresses, inputs.addresses, inputs.namespace);
                return stateOf(ip, inputs, state.ownerTag);
            });
            return { outs };
        },

        delete: async (_id, props) => {
            const state = props as VethPairState;
            const ip = client(state);
            await forResource(KIND, state.hostName, async () => {
                const hostEnd = await ip.link(state.hostName);
                if (!hostEnd) {
                    return; // gone, or its namespace was deleted and took the pair with it
                }
                if (hostEnd.alias !== ownerLabel(state.ownerTag)) {
                    throw notOurs(KIND, state.hostName, describeOwner(hostEnd.alias));
                }
                await ip.linkDelete(state.hostName);
            });
        },
    };
}
