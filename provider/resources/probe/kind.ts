// Probe: proves traffic flows (or does not) during `up`. It makes nothing in the kernel: create and
// update probe and fail with a diagnosis of the path when the expectation is not met; read probes
// again, so `pulumi refresh` shows a changed result as drift and the next `up` probes once more.
import { defineKind } from "../common/kind";
import { runProbe } from "./run-probe";
import { type ProbeInputs, type ProbeState, probeInputs, probeState } from "./schema";

const label = (p: ProbeInputs) => `${p.kind} ${p.from} -> ${p.to}${p.kind === "ping" ? "" : `:${p.port ?? 80}`}`;

async function probed(host: Parameters<typeof runProbe>[0], inputs: ProbeInputs): Promise<ProbeState> {
    const outcome = await runProbe(host, inputs);
    if (outcome.failure) {
        throw new Error(outcome.failure);
    }
    return { ...inputs, result: outcome.result };
}

export const probeKind = defineKind({
    summary: "A check that traffic flows (or does not), run during `up`.",
    drifts: true,
    inputs: probeInputs,
    state: probeState,
    // Every change probes again, in place: there is nothing to replace.
    fields: {
        from: "update",
        to: "update",
        kind: "update",
        port: "update",
        path: "update",
        expect: "update",
        timeoutSeconds: "update",
        attempts: "update",
    },
    // ping, nc or curl as the kind asks: a missing one fails the probe naming it.
    tools: ["ip"],
    label,
    id: (p) => label(p),

    create: (host, inputs) => probed(host, inputs),

    async observe(host, state) {
        const outcome = await runProbe(host, state);
        // Another result than expected is drift: the next `up` probes again.
        return { found: "ours", live: { ...state, result: outcome.result }, drifted: outcome.result !== state.expect };
    },

    update: (host, _live, inputs) => probed(host, inputs),

    // Nothing was made.
    remove: async () => undefined,
});
