// SysctlForward: turns IP forwarding on as one of its owners on the host, and gives it up on
// delete: the last owner of any stack (in this network namespace) restores the value found before
// the first, if still ours.
import type { BootEntry } from "../../boot/entry";
import type { Host } from "../../host/host";
import { SwitchOwners } from "../../linux/switch-owners";
import { SysctlClient } from "../../linux/sysctl-client";
import { defineKind } from "../common/kind";
import { runTransaction } from "../common/steps";
import { type SysctlForwardInputs, type SysctlForwardState, sysctlForwardInputs, sysctlForwardState } from "./schema";
import { ENABLED, SWITCHES, type Switch, valueToRestore } from "./switches";

/** Turns a switch on as one of its owners; returns the value to restore when the last owner goes. */
async function enable(host: Host, sw: Switch, inputs: SysctlForwardInputs): Promise<number> {
    if (inputs.ownerTag) {
        // Records and switch in one critical section on the machine (other stacks, other processes).
        return new SwitchOwners(host).join(sw.key, inputs.ownerTag, inputs.ownerName);
    }
    const sysctl = new SysctlClient(host);
    const before = await sysctl.read(sw.key);
    if (before !== ENABLED) {
        await sysctl.write(sw.key, ENABLED);
    }
    return before;
}

/** Gives up ownership; the last owner restores the value found before the first (if still ours). */
async function restore(host: Host, sw: Switch, previous: number | undefined, ownerTag: string | undefined): Promise<void> {
    if (previous === undefined) {
        return; // not managed
    }
    if (ownerTag) {
        await new SwitchOwners(host).leave(sw.key, ownerTag, previous);
        return;
    }
    const sysctl = new SysctlClient(host);
    const value = valueToRestore(await sysctl.read(sw.key), previous);
    if (value !== undefined) {
        await sysctl.write(sw.key, value);
    }
}

/**
 * At boot, each managed switch comes back on with this resource's owner record and the value found
 * before the first owner, so a destroy after a reboot restores that value (0 on a fresh machine;
 * a Docker host's 1 stays).
 */
function bootEntry(state: SysctlForwardState): BootEntry {
    const tag = state.ownerTag;
    const name = state.ownerName ? JSON.stringify({ stack: state.ownerName.stack, resource: state.ownerName.resource }) : "";
    return {
        switches: tag
            ? SWITCHES.flatMap((sw) => {
                  const previous = state[sw.previous];
                  return state[sw.input] && previous !== undefined ? [{ key: sw.key, tag, previous, name }] : [];
              })
            : [],
    };
}

export const sysctlForwardKind = defineKind({
    summary: "IP forwarding switched on; the value found before is restored on delete when no one else needs it.",
    inputs: sysctlForwardInputs,
    state: sysctlForwardState,
    fields: { ipv4: "update", ipv6: "update", ownerName: "update" },
    tools: ["sysctl", "flock"],
    label: () => "forwarding",
    id: () => "forwarding",

    async create(host, inputs) {
        const state: SysctlForwardState = { ...inputs };
        await runTransaction(
            SWITCHES.filter((sw) => inputs[sw.input]).map((sw) => ({
                name: `enable ${sw.key}`,
                run: async () => {
                    state[sw.previous] = await enable(host, sw, inputs);
                },
                undo: () => restore(host, sw, state[sw.previous], inputs.ownerTag),
            })),
        );
        return state;
    },

    async observe(host, state) {
        const sysctl = new SysctlClient(host);
        const live: SysctlForwardState = { ...state };
        for (const sw of SWITCHES) {
            // A managed switch turned off behind our back reads as "not enabled": the next up re-enables it.
            live[sw.input] = state[sw.input] && (await sysctl.read(sw.key)) === ENABLED;
        }
        return { found: "ours", live };
    },

    async update(host, live, inputs) {
        const state: SysctlForwardState = { ...inputs };
        for (const sw of SWITCHES) {
            const managed = live[sw.previous] !== undefined;
            if (inputs[sw.input]) {
                const before = await enable(host, sw, { ...inputs, ownerTag: live.ownerTag });
                state[sw.previous] = managed ? live[sw.previous] : before;
            } else if (managed) {
                await restore(host, sw, live[sw.previous], live.ownerTag);
            }
        }
        return state;
    },

    async remove(host, state) {
        for (const sw of SWITCHES) {
            await restore(host, sw, state[sw.previous], state.ownerTag);
        }
    },

    boot: bootEntry,
});
