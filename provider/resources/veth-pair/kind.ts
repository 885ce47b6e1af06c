// VethPair: born with its peer inside the namespace (`ip link add name H type veth peer name P
// netns NS`); the host end joins the bridge, both ends come up, the peer gets its addresses.
import { vethEntry } from "../../boot/kind-entries";
import { vethOverlap } from "../../guard/judges";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { configuredAddresses } from "../../linux/ip-json";
import { sameAddresses } from "../common/addresses";
import { adopting, type Existing, type Mismatch, markOf } from "../common/adopt";
import { defineKind } from "../common/kind";
import { describeOwner, ownerLabel } from "../common/owner";
import { adoptOrRefuse, byMark } from "../common/ownership";
import { liveAddresses, reconcileAddresses, reconcileMtu, userAddresses, withLiveMtu } from "../common/reconcile";
import { alreadyExists, linkTaken, type ResourceError } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { type VethPairInputs, type VethPairState, vethPairInputs, vethPairState } from "./schema";

/** Ours only when both ends carry our mark; gone when the host end is (its namespace took the pair). */
async function observe(ip: IpClient, pair: VethPairInputs) {
    const hostEnd = await ip.link(pair.hostName);
    const peerEnd = hostEnd ? await ip.linkWithAddresses(pair.peerName, pair.namespace) : undefined;
    const mark = peerEnd?.link.alias === hostEnd?.alias ? hostEnd?.alias : undefined;
    return byMark(
        hostEnd !== undefined,
        mark,
        pair.ownerTag,
        async (): Promise<VethPairState> => ({
            ...pair,
            bridge: hostEnd!.master,
            mtu: hostEnd!.mtu,
            addresses: userAddresses(peerEnd?.addresses ?? [], pair.addresses),
        }),
    );
}

/** Explains an "exists" from `ip link add`: which end is taken, and by whom. */
async function whichEndExists(ip: IpClient, inputs: VethPairInputs): Promise<ResourceError> {
    const hostEnd = await ip.link(inputs.hostName);
    if (hostEnd) {
        return linkTaken("VethPair", inputs.hostName, hostEnd, ip.host.description);
    }
    const peerEnd = await ip.link(inputs.peerName, inputs.namespace);
    return alreadyExists(
        "VethPair",
        inputs.peerName,
        `an interface in namespace ${inputs.namespace}`,
        ip.host.description,
        describeOwner(peerEnd?.alias),
        `ip -n ${inputs.namespace} link del ${inputs.peerName}`,
    );
}

/**
 * A host end of this name: ours, or taken, with what differs from the inputs (its peer, namespace,
 * bridge, the peer's addresses, the MTU). Only a veth whose two ends carry no stack's mark is adoptable.
 */
async function existing(host: Host, pair: VethPairInputs): Promise<Existing> {
    const ip = new IpClient(host);
    const hostEnd = await ip.link(pair.hostName);
    if (!hostEnd) {
        return { found: "none" };
    }
    const peer = hostEnd.kind === "veth" ? await ip.linkWithAddresses(pair.peerName, pair.namespace).catch(() => undefined) : undefined;
    const marks = [markOf(hostEnd.alias, pair.ownerTag), ...(peer ? [markOf(peer.link.alias, pair.ownerTag)] : [])];
    if (hostEnd.kind === "veth" && marks.every((m) => m === "ours")) {
        return { found: "ours" };
    }
    const mismatches: Mismatch[] = [];
    const paired = peer && peer.link.index === hostEnd.peerIndex && (peer.link.peerIndex === undefined || peer.link.peerIndex === hostEnd.index);
    if (!paired) {
        mismatches.push({ field: "peerName", live: `not ${pair.peerName} in namespace ${pair.namespace}` });
    } else {
        if (hostEnd.master !== pair.bridge) {
            mismatches.push({ field: "bridge", live: hostEnd.master });
        }
        const live = configuredAddresses([...peer.addresses]);
        if (!sameAddresses(live, pair.addresses)) {
            mismatches.push({ field: "addresses", live });
        }
        if (pair.mtu !== undefined && (hostEnd.mtu !== pair.mtu || peer.link.mtu !== pair.mtu)) {
            mismatches.push({ field: "mtu", live: hostEnd.mtu });
        }
    }
    return {
        found: "taken",
        what: `veth pair ${pair.hostName}`,
        byHand: hostEnd.kind === "veth" && marks.every((m) => m === "hand-made"),
        refusal: linkTaken("VethPair", pair.hostName, hostEnd, host.description).message,
        mismatches,
    };
}

export const vethPairKind = defineKind({
    summary: "A veth pair: the host end (optionally on a bridge) and its peer inside a namespace, with the peer's addresses.",
    inputs: vethPairInputs,
    state: vethPairState,
    // Moving the pair to another namespace keeps its names: the old pair must go first.
    fields: {
        hostName: "name",
        peerName: "name",
        namespace: "replace",
        bridge: "update",
        addresses: "update-address-set",
        mtu: "update-if-set",
        allowOverlap: "update",
    },
    tools: ["ip"],
    label: (p) => p.hostName,
    judge: (host, inputs, where) => vethOverlap(host, inputs, where),
    declares: (inputs) => inputs.addresses,
    id: (p) => `${p.hostName}:${p.namespace}/${p.peerName}`,
    existing,

    async create(host, inputs) {
        const ip = new IpClient(host);
        const { hostName, peerName, namespace } = inputs;
        const label = ownerLabel(inputs.ownerTag);
        let adopted = false;
        let byHand = false;
        let mtu = 0;
        await runTransaction([
            {
                // One process: the pair made, the host end marked, enslaved and up, and read back.
                name: "create the pair and set up the host end",
                run: async () => {
                    const hostEnd = { alias: label, master: inputs.bridge, up: true };
                    const made = await ip.vethAddConfigured(hostName, peerName, namespace, inputs.mtu, hostEnd);
                    if (made !== "exists") {
                        mtu = made.mtu;
                        return;
                    }
                    // Adopted: the same pair (same ifindexes, traffic flowing), only marked.
                    byHand = await adopting(inputs.adopt, "VethPair", hostName, host.description, () => existing(host, inputs));
                    if (byHand) {
                        adopted = true;
                        mtu = (await ip.configureLink(hostName, hostEnd)).mtu;
                        return;
                    }
                    await adoptOrRefuse(
                        () => observe(ip, inputs),
                        () => whichEndExists(ip, inputs),
                    );
                    adopted = true;
                    mtu = (await ip.configureLink(hostName, hostEnd)).mtu;
                },
                undo: async () => {
                    if (!byHand) {
                        await ip.linkDelete(hostName);
                    }
                }, // deleting one end deletes both
            },
            {
                name: "mark the peer, set it up and address it",
                run: async () => {
                    if (!adopted) {
                        await ip.configureLink(peerName, { alias: label, up: true }, inputs.addresses, namespace);
                        return;
                    }
                    await ip.linkChange(peerName, { alias: label, up: true }, namespace);
                    await reconcileAddresses(ip, peerName, await liveAddresses(ip, peerName, inputs.addresses, namespace), inputs.addresses, namespace);
                },
            },
        ]);
        return { ...inputs, mtu };
    },

    observe: (host, pair) => observe(new IpClient(host), pair),

    async update(host, live, inputs) {
        const ip = new IpClient(host);
        await reconcileMtu(ip, [inputs.hostName, inputs.peerName], inputs.mtu, live.mtu, inputs.namespace);
        if (inputs.bridge !== live.bridge) {
            await ip.linkSetMaster(inputs.hostName, inputs.bridge);
        }
        await reconcileAddresses(ip, inputs.peerName, live.addresses, inputs.addresses, inputs.namespace);
        return withLiveMtu(ip, "VethPair", inputs.hostName, inputs);
    },

    async remove(host, pair) {
        await new IpClient(host).linkDelete(pair.hostName);
    },

    boot: (s) => vethEntry(s),
});
