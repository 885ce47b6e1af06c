// Service: a program running inside a network namespace under the machine's systemd, as a runtime
// unit (`NetworkNamespacePath=/run/netns/<ns>`) carrying its owner mark. systemd supervises and
// restarts it; read sees a stopped, failed, edited or missing unit; destroy stops it and removes
// every file it wrote.
import type { z } from "zod";
import type { Host } from "../../host/host";
import { defineKind, type Observed } from "../common/kind";
import { describeOwner, ownerLabel } from "../common/owner";
import { adoptOrRefuse } from "../common/ownership";
import { alreadyExists, ResourceError } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { type ServiceInputs, type ServiceState, serviceInputs, serviceState } from "./schema";
import type { UnitStatus } from "./systemctl";
import { notSystemd, UnitClient } from "./unit-client";
import { unitMark, unitName, unitText } from "./unit-file";

const outputs = (s: ServiceInputs, unit: string, status: UnitStatus): ServiceState => ({
    ...s,
    unit,
    mainPid: status.mainPid,
    active: status.activeState === "active",
});

/** The unit of this name: gone, someone else's (a unit of the same name anywhere systemd looks), or ours. */
async function observe(host: Host, s: ServiceInputs): Promise<Observed<ServiceState>> {
    const client = new UnitClient(host, s.name);
    const [status, text] = await Promise.all([client.status(), client.text()]);
    if (text === undefined && status.fragmentPath === client.legacyPath) {
        // A runtime unit of an earlier version: ours (then the next `up` makes it persistent) or not.
        const mark = unitMark((await client.legacyText()) ?? "");
        if (!s.ownerTag || mark !== ownerLabel(s.ownerTag)) {
            return { found: "not-ours", owner: describeOwner(mark) };
        }
        return { found: "ours", live: outputs(s, client.unit, status), drifted: true };
    }
    if (text === undefined) {
        if (status.loadState !== "not-found" && status.loadState !== "") {
            return { found: "not-ours", owner: elsewhere(status) };
        }
        // The unit file removed by hand, its environment file left: ours, drifted (up writes it again).
        const left = s.ownerTag && (await client.environmentMark()) === ownerLabel(s.ownerTag);
        return left ? { found: "ours", live: outputs(s, client.unit, status), drifted: true } : { found: "gone" };
    }
    if (status.fragmentPath && status.fragmentPath !== client.path) {
        return { found: "not-ours", owner: elsewhere(status) };
    }
    const mark = unitMark(text);
    if (!s.ownerTag || mark !== ownerLabel(s.ownerTag)) {
        return { found: "not-ours", owner: describeOwner(mark) };
    }
    const state = outputs(s, client.unit, status);
    // Stopped, failed or edited is drift: the next `up` puts it back.
    const inSync = state.active && !status.needsReload && sameText(text, unitText(s)) && (await client.environmentIs(s)) && (await client.enabled());
    return { found: "ours", live: state, drifted: !inSync };
}

/** The same file text, but for the final newline a command's output loses. */
const sameText = (a: string, b: string): boolean => a.replace(/\n$/, "") === b.replace(/\n$/, "");

const elsewhere = (status: UnitStatus): string =>
    status.fragmentPath ? `it is a unit loaded from ${status.fragmentPath}` : `it is a unit systemd knows as ${status.loadState}`;

/** Refuses a machine whose PID 1 is not systemd, before anything is made. */
async function requireSystemd(host: Host): Promise<void> {
    const problem = await notSystemd(host);
    if (problem) {
        throw new Error(problem);
    }
}

export const serviceKind = defineKind<ServiceInputs, ServiceState, z.input<typeof serviceInputs>>({
    summary: "A program run by the machine's systemd inside a namespace (a runtime unit `netns-<name>.service`).",
    namedAfterResource: ["name"],
    drifts: true,
    inputs: serviceInputs,
    state: serviceState,
    fields: {
        name: "name",
        namespace: "replace",
        command: "update",
        environment: "update",
        user: "update",
        workingDirectory: "update",
        restart: "update",
        readyPort: "update",
        readyTimeoutSeconds: "update",
    },
    tools: ["ip", "ss"],
    label: (s) => s.name,
    id: (s) => unitName(s.name),

    // The machine alone decides: judged at preview even while the namespace is still unknown.
    async judgeMachine(host) {
        const problem = await notSystemd(host);
        return problem ? { property: "connection", reason: problem } : undefined;
    },

    async create(host, inputs) {
        const client = new UnitClient(host, inputs.name);
        await requireSystemd(host);
        const found = await observe(host, inputs);
        if (found.found !== "gone") {
            // Ours only when a create of this very resource was cut off before Pulumi recorded it.
            await adoptOrRefuse(
                async () => found,
                (owner) =>
                    alreadyExists("Service", inputs.name, `a systemd unit ${client.unit}`, host.description, owner, `systemctl disable --now ${client.unit}`),
            );
        }
        if (!(await client.namespaceExists(inputs.namespace))) {
            throw new ResourceError("Service", inputs.name, `network namespace "${inputs.namespace}" does not exist on ${host.description}`);
        }
        const cursor = await client.journalCursor();
        let status: UnitStatus | undefined;
        await runTransaction([
            {
                name: "write the unit and its environment file",
                run: () => client.write(inputs),
                undo: () => client.remove(),
            },
            {
                name: "start the program",
                run: async () => {
                    status = await client.start(inputs, found.found === "ours" ? "restart" : "start", cursor);
                },
            },
        ]);
        return outputs(inputs, client.unit, status!);
    },

    observe,

    async update(host, live, inputs, drifted) {
        const client = new UnitClient(host, inputs.name);
        const same = !drifted && unitText(live) === unitText(inputs) && (await client.environmentIs(inputs));
        if (same) {
            return outputs(inputs, client.unit, await client.status());
        }
        const cursor = await client.journalCursor();
        await client.write(inputs);
        return outputs(inputs, client.unit, await client.start(inputs, "restart", cursor));
    },

    async remove(host, s) {
        await new UnitClient(host, s.name).remove();
    },
});
