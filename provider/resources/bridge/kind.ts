// Bridge: `ip link add name NAME type bridge`, its owner mark as alias, up, and exactly its addresses.
import { bridgeEntry } from "../../boot/kind-entries";
import { bridgeOverlap } from "../../guard/judges";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { configuredAddresses } from "../../linux/ip-json";
import { sameAddresses } from "../common/addresses";
import { adopting, type Existing, type Mismatch, markOf } from "../common/adopt";
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

/** A link of this name: ours, or taken (by hand, or by another stack; a link of another kind is never adoptable), with what differs. */
async function existing(host: Host, bridge: BridgeInputs): Promise<Existing> {
    const listed = await new IpClient(host).linkWithAddresses(bridge.name);
    if (!listed) {
        return { found: "none" };
    }
    const { link } = listed;
    const mark = link.kind === "bridge" ? markOf(link.alias, bridge.ownerTag) : "other";
    if (mark === "ours") {
        return { found: "ours" };
    }
    const live = configuredAddresses([...listed.addresses]);
    const mismatches: Mismatch[] = [];
    if (!sameAddresses(live, bridge.addresses)) {
        mismatches.push({ field: "addresses", live });
    }
    if (bridge.mtu !== undefined && link.mtu !== bridge.mtu) {
        mismatches.push({ field: "mtu", live: link.mtu });
    }
    return {
        found: "taken",
        what: `bridge ${bridge.name}`,
        byHand: mark === "hand-made",
        refusal: linkTaken("Bridge", bridge.name, link, host.description).message,
        mismatches,
    };
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
    existing,

    async create(host, inputs) {
        const ip = new IpClient(host);
        const { name } = inputs;
        const change = { alias: ownerLabel(inputs.ownerTag), up: true };
        // One process: the bridge made, marked, up, addressed and read back (and deleted if a later step failed).
        const made = await ip.bridgeAddConfigured(name, inputs.mtu, change, inputs.addresses);
        if (made !== "exists") {
            return { ...inputs, mtu: made.mtu, macAddress: made.macAddress ?? "" };
        }
        if (await adopting(inputs.adopt, "Bridge", name, host.description, () => existing(host, inputs))) {
            // The same bridge (same ifindex, its ports and addresses kept): marked and up.
            await ip.linkChange(name, change);
            return stateOf(host, inputs);
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
