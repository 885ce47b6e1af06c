// Calls a provider the way the Pulumi engine would, but against a sandbox's kernel.
import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { type Kind, makeProvider } from "../../provider";
import type { Host } from "../../provider/host/host";

export function providerIn(kind: Kind, host: Host): Required<pulumi.dynamic.ResourceProvider> {
    return makeProvider(kind, () => host) as Required<pulumi.dynamic.ResourceProvider>;
}

/** A fresh owner tag, as the SDK would derive one for a new resource. */
export const testOwnerTag = (): string => randomBytes(6).toString("hex");

/** check, then create: what `pulumi up` does for a new resource (given an owner tag if none). */
export async function checkAndCreate(provider: Required<pulumi.dynamic.ResourceProvider>, inputs: Record<string, unknown>) {
    const checked = await provider.check({}, { ownerTag: testOwnerTag(), ...inputs });
    if (checked.failures?.length) {
        // The reasons as the engine prints them (a clash is refused at check, in create's own words).
        throw new Error(`check failed: ${checked.failures.map((f) => `${f.property ? `${f.property}: ` : ""}${f.reason}`).join("; ")}`);
    }
    return provider.create(checked.inputs);
}
