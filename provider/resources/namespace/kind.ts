// Namespace: `ip netns add`, its owner mark on `lo`, loopback up. Replaced delete-first: its veths
// and routes are replaced with it, and a veth that keeps its names needs them free.
import { namespaceEntry } from "../../boot/kind-entries";
import { IpClient } from "../../linux/ip-client";
import { byName, defineKind } from "../common/kind";
import { ownerLabel } from "../common/owner";
import { adoptOrRefuse, byMark } from "../common/ownership";
import { alreadyExists } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { type NamespaceInputs, namespaceInputs } from "./schema";

/** One command: every namespace has `lo`, so "cannot open the namespace" is how a missing one answers. */
async function observe(ip: IpClient, ns: NamespaceInputs) {
    const lo = await ip.link("lo", ns.name);
    return byMark(lo !== undefined, lo?.alias, ns.ownerTag, async () => ({ ...ns, loopbackUp: lo?.up ?? false }));
}

export const namespaceKind = defineKind({
    summary: "A named network namespace (`ip netns add`), with `lo` up by default.",
    namedAfterResource: ["name"],
    inputs: namespaceInputs,
    state: namespaceInputs,
    fields: { name: "name", loopbackUp: "update" },
    deleteFirst: true,
    tools: ["ip"],
    ...byName<NamespaceInputs>(),

    async create(host, inputs) {
        const ip = new IpClient(host);
        const { name } = inputs;
        await runTransaction([
            {
                name: "create the namespace",
                run: async () => {
                    if ((await ip.netnsAdd(name)) === "exists") {
                        await adoptOrRefuse(
                            () => observe(ip, inputs),
                            (owner) => alreadyExists("Namespace", name, "a namespace", host.description, owner, `ip netns del ${name}`),
                        );
                    }
                },
                undo: async () => {
                    await ip.netnsDelete(name);
                },
            },
            {
                name: "mark its owner and set loopback up",
                run: () => ip.linkChange("lo", { alias: ownerLabel(inputs.ownerTag), up: inputs.loopbackUp }, name),
            },
        ]);
        return inputs;
    },

    observe: (host, ns) => observe(new IpClient(host), ns),

    async update(host, live, inputs) {
        if (live.loopbackUp !== inputs.loopbackUp) {
            await new IpClient(host).linkSetUp("lo", inputs.loopbackUp, inputs.name);
        }
        return inputs;
    },

    async remove(host, ns) {
        await new IpClient(host).netnsDelete(ns.name);
    },

    boot: (s) => namespaceEntry(s),
});
