// The ownership protocol of objects that carry an owner mark (a link's alias, a namespace's `lo`
// alias): found by name, then ours only when the mark is this resource's.

import type { Observed } from "./kind";
import { describeOwner, ownerLabel } from "./owner";

/**
 * What the kernel holds under a name: gone, someone else's (its mark described), or ours with its
 * live state (read only then).
 */
export async function byMark<S>(exists: boolean, mark: string | undefined, ownerTag: string | undefined, live: () => Promise<S>): Promise<Observed<S>> {
    if (!exists) {
        return { found: "gone" };
    }
    if (!ownerTag || mark !== ownerLabel(ownerTag)) {
        return { found: "not-ours", owner: describeOwner(mark) };
    }
    return { found: "ours", live: await live() };
}

/**
 * After an add found its name taken: the object is ours when a create of this resource was cut off
 * before Pulumi recorded it (same owner mark), and is then adopted; anything else is refused.
 */
export async function adoptOrRefuse(observe: () => Promise<Observed<unknown>>, refuse: (owner: string) => Error | Promise<Error>): Promise<void> {
    const observed = await observe();
    if (observed.found !== "ours") {
        throw await refuse(observed.found === "not-ours" ? observed.owner : "it disappeared while being checked");
    }
}
