// IP forwarding on, with the value found before restored on destroy.
import * as pulumi from "@pulumi/pulumi";
import type { SysctlForwardInputs, SysctlForwardState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

/** The arguments of a SysctlForward: its fields and their documentation come from its schema. */
export type SysctlForwardArgs = Omit<ArgsOf<SysctlForwardInputs>, "ownerName">;

/** Its outputs: every field of its state. */
export interface SysctlForward extends OutputsOf<SysctlForwardState> {}

/** The machine's owner records name the stack and the resource (`pulumi-netns forwarding list`). */
function withOwnerName(name: string, args: SysctlForwardArgs): SysctlForwardArgs {
    const ownerName = { stack: `${organization()}${pulumi.getProject()}/${pulumi.getStack()}`, resource: name };
    return { ...args, ownerName } as SysctlForwardArgs;
}

/** "org/", or nothing where the engine names none (getOrganization throws then). */
function organization(): string {
    try {
        return `${pulumi.getOrganization()}/`;
    } catch {
        return "";
    }
}

/**
 * IP forwarding. It writes only when the value differs, records what it found
 * (`previousIpv4`, `previousIpv6`) and restores it on destroy if the switch still holds the value
 * it set. `ipv4` and `ipv6` update in place.
 *
 * ```ts
 * new netns.SysctlForward("forward", {});
 * ```
 */
export class SysctlForward extends NetnsResource {
    constructor(name: string, args: SysctlForwardArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super("SysctlForward", name, withOwnerName(name, args), opts);
    }
}
