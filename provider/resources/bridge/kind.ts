// Bridge: `ip link add name NAME type bridge`, its owner mark as alias, up, and exactly its addresses.
import { bridgeEntry } from "../../boot/kind-entries";
import { bridgeOverlap } from "../../guard/judges";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { byName, defineKind } from "../common/kind";
import { ownerLabel } from "../common/owner";
import { adoptOrRefuse, byMark } from "../common/ownership";
import { liveAddresses, reconcileAddresses, reconcileMtu, userAddresses } from "../common/reconcile";
import { linkTaken, ResourceError } from "../common/resource-error";
import { type BridgeInputs, type BridgeState, bridgeInputs, bridgeState } from "./schema";

async function observe(ip: IpClient, bridge: BridgeInputs) {
    const listed = await ip.linkWithAddresses(bridge.name);
    const link = listed?.link;
    // Only a bridge can be ours: another kind of link under this name is someone else's.
    return byMark(
        link !== undefined,
        link?.kind === "bridge" ? link.alias : undefined,
        bridge.ownerTag,
        async (): Promise<BridgeState> => ({
            ...bridge,
            addresses: userAddresses(listed!.addresses, bridge.addresses),
            mtu: link!.mtu,
            macAddress: link!.macAddress ?? "",
        }),
    );
}

/** The state after a create or update: the inputs and what the kernel made of them. */
async function stateOf(host: Host, inputs: BridgeInputs): Promise<BridgeState> {
    const observed = await observe(new IpClient(host), inputs);
    if (observed.found !== "ours") {
        throw new ResourceError("Bridge", inputs.name, "disappeared while it was being configured");
    }
    return { ...observed.live, addresses: inputs.addresses };
}

export const bridgeKind = defineKind({
    summary: "A Linux bridge (`ip link add type bridge`), up, holding exactly its addresses.",
    namedAfterResource: ["name"],
    inputs: bridgeInputs,
    state: bridgeState,
    fields: { name: "name", addresses: "update-address-set", mtu: "update-if-set", allowOverlap: "update" },
    tools: ["ip"],
    ...byName<BridgeInputs, BridgeState>(),
    judge: (host, inputs, where, own) => bridgeOverlap(host, inputs, where, { own }),
    declares: (inputs) => inputs.addresses,

    async create(host, inputs) {
        const ip = new IpClient(host);
        const { name } = inputs;
        const change = { alias: ownerLabel(inputs.ownerTag), up: true };
        // One process: the bridge made, marked, up, addressed and read back (and deleted if a later step failed).
        const made = await ip.bridgeAddConfigured(name, inputs.mtu, change, inputs.addresses);
        if (made !== "exists") {
            return { ...inputs, mtu: made.mtu, macAddress: made.macAddress ?? "" };
        }
        await adoptOrRefuse(
            () => observe(ip, inputs),
            async () => linkTaken("Bridge", name, await ip.link(name), host.description),
        );
        // Ours, from a create cut off before Pulumi recorded it: brought to what the inputs say.
        await ip.linkChange(name, change);
        if (inputs.mtu) {
            await ip.linkSetMtu(name, inputs.mtu);
        }
        await reconcileAddresses(ip, name, await liveAddresses(ip, name, inputs.addresses), inputs.addresses);
        return stateOf(host, inputs);
    },

    observe: (host, bridge) => observe(new IpClient(host), bridge),

    async update(host, live, inputs) {
        const ip = new IpClient(host);
        await reconcileMtu(ip, [inputs.name], inputs.mtu, live.mtu);
        await reconcileAddresses(ip, inputs.name, live.addresses, inputs.addresses);
        return stateOf(host, inputs);
    },

    async remove(host, bridge) {
        await new IpClient(host).linkDelete(bridge.name);
    },

    boot: (s) => bridgeEntry(s),
});
