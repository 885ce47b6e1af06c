// Ownership: every kernel object we create carries a label naming its owner (the resource's
// ownerTag, derived by the SDK from stack and name), so read and delete never act on an object of
// the same name that this stack did not create.
const PREFIX = "pulumi-netns:";

/** The label written into the kernel (link ifalias, iptables comment). */
export const ownerLabel = (tag: string): string => `${PREFIX}${tag}`;

/** Describes who owns an object, for an error message. */
export function describeOwner(label: string | undefined): string {
    if (!label) {
        return "it has no pulumi-netns owner tag: made by hand or by another tool";
    }
    return label.startsWith(PREFIX) ? `it has the owner tag ${label} of another resource or stack` : `it has the alias "${label}"`;
}
