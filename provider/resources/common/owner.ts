// Ownership: every kernel object we create carries a tag naming its owner, so read and delete
// never act on an object of the same name that this stack did not create.
import { randomBytes } from "node:crypto";

const PREFIX = "pulumi-netns:";

/** A fresh owner token for one resource, kept in its state as `ownerTag`. */
export const newOwnerTag = (): string => randomBytes(6).toString("hex");

/** The label written into the kernel (link ifalias, iptables comment). */
export const ownerLabel = (tag: string): string => `${PREFIX}${tag}`;

/** Describes who owns an object, for an error message. */
export function describeOwner(label: string | undefined): string {
    if (!label) {
        return "it has no pulumi-netns owner tag: made by hand or by another tool";
    }
    return label.startsWith(PREFIX) ? `it has the owner tag ${label} of another resource or stack` : `it has the alias "${label}"`;
}
