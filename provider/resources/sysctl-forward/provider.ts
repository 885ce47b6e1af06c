// SysctlForward: turns IP forwarding on, remembering the value it found, and restores that value
// on delete if the switch still holds ours. Writes only when the value differs.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { SwitchOwners } from "../../linux/switch-owners";
import { SysctlClient } from "../../linux/sysctl-client";
import { checkInputs, parseInputs } from "../common/check";
import { forResource } from "../common/resource-error";
import { runTransaction } from "../common/steps";
import { ENABLED, SWITCHES, type Switch, diffSysctlForward, valueToRestore } from "./plan";
import { type SysctlForwardState, sysctlForwardInputs } from "./schema";

const KIND = "SysctlForward";
const NAME = "forwarding";

export function sysctlForwardProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    const parse = (props: Record<string, unknown>) => parseInputs(sysctlForwardInputs, KIND, props);
    const client = (state: { connection?: unknown }) => new SysctlClient(resolveHost(state.connection));
    const owners = (sysctl: SysctlClient) => new SwitchOwners(sysctl.host);

    /**
     * Turns a switch on as one of its owners; returns the value to restore when the last owner goes:
     * the one found before the first owner (of any stack) turned it on.
     */
    async function enable(sysctl: SysctlClient, sw: Switch, ownerTag: string | undefined): Promise<number> {
        const before = await sysctl.read(sw.key);
        const previous = ownerTag ? await owners(sysctl).join(sw.key, ownerTag, before) : before;
        if (before !== ENABLED) {
            await sysctl.write(sw.key, ENABLED);
        }
        return previous;
    }

    /** Gives up ownership; the last owner restores the value found before the first (if still ours). */
    async function restore(sysctl: SysctlClient, sw: Switch, previous: number | undefined, ownerTag: string | undefined): Promise<void> {
        const toRestore = ownerTag && previous !== undefined ? await owners(sysctl).leave(sw.key, ownerTag, previous) : previous;
        const value = valueToRestore(await sysctl.read(sw.key), toRestore);
        if (value !== undefined) {
            await sysctl.write(sw.key, value);
        }
    }

    return {
        check: async (_olds, news) => checkInputs(sysctlForwardInputs, news, ["sysctl"]),

        diff: async (_id, olds, news) => diffSysctlForward(olds, news),

        create: async (props) => {
            const inputs = parse(props);
            const sysctl = client(inputs);
            const outs: SysctlForwardState = { ...inputs };
            await forResource(KIND, NAME, () => runTransaction(SWITCHES.filter((sw) => inputs[sw.input]).map((sw) => ({
                name: `enable ${sw.key}`,
                run: async () => { outs[sw.previous] = await enable(sysctl, sw, inputs.ownerTag); },
                undo: () => restore(sysctl, sw, outs[sw.previous], inputs.ownerTag),
            }))));
            return { id: NAME, outs };
        },

        read: async (id, props) => {
            const state = props as SysctlForwardState;
            const sysctl = client(state);
            const live: SysctlForwardState = { ...state };
            for (const sw of SWITCHES) {
                // A managed switch turned off behind our back reads as "not enabled": the next up re-enables it.
                live[sw.input] = state[sw.input] && (await sysctl.read(sw.key)) === ENABLED;
            }
            return { id, props: live };
        },

        update: async (_id, olds, news) => {
            const state = olds as SysctlForwardState;
            const inputs = parse(news);
            const sysctl = client(inputs);
            // The tag the records were made with stays, whatever tag the SDK derives now.
            const outs: SysctlForwardState = { ...inputs, ...(state.ownerTag ? { ownerTag: state.ownerTag } : {}) };
            await forResource(KIND, NAME, async () => {
                for (const sw of SWITCHES) {
                    const managed = state[sw.previous] !== undefined;
                    if (inputs[sw.input]) {
                        const before = await enable(sysctl, sw, state.ownerTag);
                        outs[sw.previous] = managed ? state[sw.previous] : before;
                    } else if (managed) {
                        await restore(sysctl, sw, state[sw.previous], state.ownerTag);
                    }
                }
            });
            return { outs };
        },

        delete: async (_id, props) => {
            const state = props as SysctlForwardState;
            const sysctl = client(state);
            await forResource(KIND, NAME, async () => {
                for (const sw of SWITCHES) {
                    await restore(sysctl, sw, state[sw.previous], state.ownerTag);
                }
            });
        },
    };
}
