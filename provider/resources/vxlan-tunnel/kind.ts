// VxlanTunnel: a VXLAN link (`ip link add NAME type vxlan id VNI local ADDR dstport PORT nolearning`)
// on a bridge, with one all-zeros FDB entry per remote end. Adding or removing a remote changes the
// FDB only: the link, and traffic to the other remotes, stay.
import { vxlanEntry } from "../../boot/kind-entries";
import { IpClient } from "../../linux/ip-client";
import { canonicalIp } from "../../schemas/addresses";
import { byName, defineKind } from "../common/kind";
import { ownerLabel } from "../common/owner";
import { adoptOrRefuse, byMark } from "../common/ownership";
import { reconcileMtu, withLiveMtu } from "../common/reconcile";
import { linkTaken } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { type VxlanTunnelInputs, type VxlanTunnelState, vxlanTunnelInputs, vxlanTunnelState } from "./schema";

/** The remotes to add and to remove, compared in canonical spelling; the user's spelling is kept. */
function remoteChanges(current: readonly string[], wanted: readonly string[]) {
    const have = new Set(current.map(canonicalIp));
    const want = new Set(wanted.map(canonicalIp));
    return { add: wanted.filter((r) => !have.has(canonicalIp(r))), remove: current.filter((r) => !want.has(canonicalIp(r))) };
}

async function observe(ip: IpClient, tunnel: VxlanTunnelInputs) {
    const link = await ip.link(tunnel.name);
    // Only a VXLAN link can be ours: another kind of link under this name is someone else's.
    return byMark(link !== undefined, link?.kind === "vxlan" ? link.alias : undefined, tunnel.ownerTag, async (): Promise<VxlanTunnelState> => {
        const remotes = await ip.vxlanRemotes(tunnel.name);
        const wanted = new Set(remotes.map(canonicalIp));
        return {
            ...tunnel,
            // The kernel's identity of the link: a change made behind our back shows as drift.
            vni: link!.vxlan?.vni ?? tunnel.vni,
            localAddress: link!.vxlan?.local && canonicalIp(link!.vxlan.local) !== canonicalIp(tunnel.localAddress) ? link!.vxlan.local : tunnel.localAddress,
            dstPort: link!.vxlan?.port ?? tunnel.dstPort,
            // In the recorded spelling and order, then whatever else the kernel holds.
            remotes: [
                ...tunnel.remotes.filter((r) => wanted.has(canonicalIp(r))),
                ...remotes.filter((r) => !tunnel.remotes.some((t) => canonicalIp(t) === canonicalIp(r))),
            ],
            bridge: link!.master,
            mtu: link!.mtu,
        };
    });
}

export const vxlanTunnelKind = defineKind({
    summary: "A VXLAN link to other machines' underlay addresses, optionally on a bridge.",
    inputs: vxlanTunnelInputs,
    state: vxlanTunnelState,
    fields: { name: "name", vni: "replace", localAddress: "replace", dstPort: "replace", remotes: "update", bridge: "update", mtu: "update-if-set" },
    tools: ["ip", "bridge"],
    ...byName<VxlanTunnelInputs, VxlanTunnelState>(),

    async create(host, inputs) {
        const ip = new IpClient(host);
        const { name } = inputs;
        const change = { alias: ownerLabel(inputs.ownerTag), master: inputs.bridge, up: true };
        let mtu = 0;
        let current: string[] = [];
        await runTransaction([
            {
                // One process: the link made, marked, enslaved, up and read back.
                name: "create the link",
                run: async () => {
                    const made = await ip.vxlanAddConfigured(
                        name,
                        { vni: inputs.vni, local: inputs.localAddress, dstPort: inputs.dstPort },
                        inputs.mtu,
                        change,
                    );
                    if (made !== "exists") {
                        mtu = made.mtu;
                        return;
                    }
                    await adoptOrRefuse(
                        () => observe(ip, inputs),
                        async () => linkTaken("VxlanTunnel", name, await ip.link(name), host.description),
                    );
                    current = await ip.vxlanRemotes(name);
                    mtu = (await ip.configureLink(name, change)).mtu;
                },
                undo: async () => {
                    await ip.linkDelete(name);
                },
            },
            {
                name: "add its remotes",
                run: async () => {
                    const { add, remove } = remoteChanges(current, inputs.remotes);
                    await ip.changeRemotes(name, add, remove);
                },
            },
        ]);
        return { ...inputs, mtu };
    },

    observe: (host, tunnel) => observe(new IpClient(host), tunnel),

    async update(host, live, inputs) {
        const ip = new IpClient(host);
        await reconcileMtu(ip, [inputs.name], inputs.mtu, live.mtu);
        if (inputs.bridge !== live.bridge) {
            await ip.linkSetMaster(inputs.name, inputs.bridge);
        }
        const { add, remove } = remoteChanges(live.remotes, inputs.remotes);
        await ip.changeRemotes(inputs.name, add, remove);
        return withLiveMtu(ip, "VxlanTunnel", inputs.name, inputs);
    },

    async remove(host, tunnel) {
        await new IpClient(host).linkDelete(tunnel.name);
    },

    boot: (s) => vxlanEntry(s),
});
