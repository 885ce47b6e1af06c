// Ownership: every kernel object we create carries a label naming its owner (the resource's
// ownerTag, derived by the SDK from stack and name), so read and delete never act on an object of
// the same name that this stack did not create.
import type * as pulumi from "@pulumi/pulumi";
import { OWNER_PREFIX } from "../../linux/owner-marks";

// The marks themselves live with the other kernel words (listings read them too).
export { OWNER_PREFIX, ownerLabel } from "../../linux/owner-marks";

/** Describes who owns an object, for an error message. */
export function describeOwner(label: string | undefined): string {
    if (!label) {
        return "it has no pulumi-netns owner tag: made by hand or by another tool";
    }
    return label.startsWith(OWNER_PREFIX) ? `it has the owner tag ${label} of another resource or stack` : `it has the alias "${label}"`;
}

/**
 * The tag a resource's kernel objects carry is the one in its state: an update keeps it, whatever
 * tag the SDK derives now (a newer SDK, a stack identity made since), so a tag change alone never
 * changes, diffs or replaces anything. Only a create (new objects) takes the new tag.
 */
export function keepingOwnerTag(inner: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
    return {
        ...inner,
        update:
            inner.update &&
            (async (id, olds, news) => {
                const tag = typeof olds.ownerTag === "string" ? { ownerTag: olds.ownerTag } : {};
                const result = await inner.update!(id, olds, { ...news, ...tag });
                return { ...result, outs: { ...result.outs, ...tag } };
            }),
    };
}
