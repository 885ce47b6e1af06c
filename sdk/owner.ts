// The owner tag of a resource: derived from its stack and name, so a create that was interrupted
// before Pulumi recorded it is recognised as ours when `pulumi up` runs again.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

export function ownerTagFor(type: string, name: string): string {
    const key = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}/${type}/${name}`;
    return createHash("sha256").update(key).digest("hex").slice(0, 12);
}
