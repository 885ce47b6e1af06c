// The owner tag of a resource: derived from its stack's identity (a random id kept in the stack's
// state) and its place in the stack (parent URN, type, name). Stable across runs of one stack, so a
// create cut off before Pulumi recorded it is adopted by the next `pulumi up`; different for any
// other stack, even one with the same organization, project, stack and resource names.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { StackIdentity } from "./stack-identity";

let identity: StackIdentity | undefined;

export function ownerTagFor(type: string, name: string, opts?: pulumi.ResourceOptions): pulumi.Output<string> {
    identity ??= new StackIdentity();
    const parent = opts?.parent ? opts.parent.urn : pulumi.output("");
    return pulumi
        .all([identity.stackId, parent])
        .apply(([stackId, parentUrn]) => createHash("sha256").update(`${stackId}/${parentUrn}/${type}/${name}`).digest("hex").slice(0, 12));
}
