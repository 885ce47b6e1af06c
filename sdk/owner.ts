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
    // Only the parent URN's value: an Output of it would make the resource depend on its parent,
    // and a dependency on a component waits for all the component's children, this one included.
    const parent = opts?.parent;
    const parentUrn = parent ? pulumi.output(new Promise<string>((resolve) => parent.urn.apply(resolve))) : pulumi.output("");
    return pulumi
        .all([identity.stackId, parentUrn])
        .apply(([stackId, parentUrn]) => createHash("sha256").update(`${stackId}/${parentUrn}/${type}/${name}`).digest("hex").slice(0, 12));
}
