// Namespace: `ip netns add`, its owner mark on `lo`, loopback up. Replaced delete-first: its veths
// and routes are replaced with it, and a veth that keeps its names needs them free.
import { namespaceEntry } from "../../boot/kind-entries";
import type { Host } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { adopting, type Existing, markOf } from "../common/adopt";
import { byName, defineKind } from "../common/kind";
import { describeOwner, ownerLabel } from "../common/owner";
import { adoptOrRefuse, byMark } from "../common/ownership";
import { alreadyExists } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { stopProcessesIn } from "./processes";
import { type NamespaceInputs, namespaceInputs } from "./schema";

/** One command: every namespace has `lo`, so "cannot open the namespace" is how a missing one answers. */
async function observe(ip: IpClient, ns: NamespaceInputs) {
    const lo = await ip.link("lo", ns.name);
    return byMark(lo !== undefined, lo?.alias, ns.ownerTag, async () => ({ ...ns, loopbackUp: lo?.up ?? false }));
}

/** A namespace of this name: ours, or taken (by hand, or by another stack), with what differs from the inputs. */
async function existing(host: Host, ns: NamespaceInputs): Promise<Existing> {
    const lo = await new IpClient(host).link("lo", ns.name);
    if (!lo) {
        return { found: "none" };
    }
    const mark = markOf(lo.alias, ns.ownerTag);
    if (mark === "ours") {
        return { found: "ours" };
    }
    return {
        found: "taken",
        what: `namespace ${ns.name}`,
        byHand: mark === "hand-made",
        refusal: alreadyExists("Namespace", ns.name, "a namespace", host.description, describeOwner(lo.alias), `ip netns del ${ns.name}`).message,
        mismatches: lo.up === ns.loopbackUp ? [] : [{ field: "loopbackUp", live: lo.up }],
    };
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

    existing,

    async create(host, inputs) {
        const ip = new IpClient(host);
        const { name } = inputs;
        let adopted = false;
        await runTransaction([
            {
                name: "create the namespace",
                run: async () => {
                    if ((await ip.netnsAdd(name)) === "exists") {
                        // Adopted: the same namespace, its processes and links untouched; only marked below.
                        adopted = await adopting(inputs.adopt, "Namespace", name, host.description, () => existing(host, inputs));
                        if (adopted) {
                            return;
                        }
                        await adoptOrRefuse(
                            () => observe(ip, inputs),
                            (owner) => alreadyExists("Namespace", name, "a namespace", host.description, owner, `ip netns del ${name}`),
                        );
                    }
                },
                undo: async () => {
                    if (!adopted) {
                        await ip.netnsDelete(name);
                    }
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
        // Processes left inside would keep the namespace alive without its name: named, then stopped.
        const stopped = await stopProcessesIn(host, ns.name);
        if (stopped.length > 0) {
            process.stderr.write(`Namespace "${ns.name}" on ${host.description}: stopped the processes still running in it: ${stopped.join(", ")}\n`);
        }
        await new IpClient(host).netnsDelete(ns.name);
    },

    boot: (s) => namespaceEntry(s),
});
