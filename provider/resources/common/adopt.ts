// Adoption: a kind's object that already exists under the resource's kernel name, judged at preview
// (a clash, or with `adopt: true` a difference from the inputs, is refused naming each field and its
// live value) and taken over at create without being recreated. An object a stack owns (any other
// owner mark) is never adopted.
import { OWNER_PREFIX, ownerLabel } from "./owner";
import { ResourceError } from "./resource-error";

/** A field whose live value differs from the input. */
export interface Mismatch {
    field: string;
    live: unknown;
}

/** What holds the resource's kernel name now. */
export type Existing =
    | { found: "none" }
    | { found: "ours" }
    /** Taken: `refusal` is what create says without adoption; only a hand-made one can be adopted. */
    | { found: "taken"; what: string; byHand: boolean; refusal: string; mismatches: Mismatch[] };

/** Whose an owner mark (a link's alias) says the object is. */
export function markOf(mark: string | undefined, ownerTag: string | undefined): "ours" | "hand-made" | "other" {
    if (ownerTag && mark === ownerLabel(ownerTag)) {
        return "ours";
    }
    return mark?.startsWith(OWNER_PREFIX) ? "other" : "hand-made";
}

const shown = (v: unknown): string => (v === undefined ? "none" : JSON.stringify(v));

/** One check failure per field that differs, naming its live value. */
export function mismatchFailures(what: string, where: string, mismatches: readonly Mismatch[]): { property: string; reason: string }[] {
    return mismatches.map((m) => ({
        property: m.field,
        reason:
            `the ${what} to adopt on ${where} has ${m.field} ${shown(m.live)}: adoption takes it over as it is, so set ${m.field} ` +
            "to that value (or change the object by hand first)",
    }));
}

/** The way out a clash names: adoption, one object or all of them. */
export function adoptionHint(others: readonly string[]): string {
    const list = others.length > 0 ? ` (no stack owns these on this machine: ${others.join(", ")})` : "";
    return (
        " Or take it over as it is, recreating nothing: set adopt: true on this resource, or run `pulumi-netns import`, " +
        `which writes a program adopting every object made by hand${list}.`
    );
}

/**
 * At create, with `adopt: true`: true when the object is a hand-made one matching the inputs (the
 * kind then marks it); false when there is none or it is ours (the kind goes on as without adopt);
 * refused when a stack owns it or it differs.
 */
export async function adopting(adopt: boolean | undefined, kind: string, label: string, where: string, existing: () => Promise<Existing>): Promise<boolean> {
    if (!adopt) {
        return false;
    }
    const e = await existing();
    if (e.found !== "taken") {
        return false;
    }
    if (!e.byHand) {
        throw new ResourceError(kind, label, `${e.refusal} adopt never takes an object another resource or stack owns.`);
    }
    if (e.mismatches.length > 0) {
        throw new ResourceError(
            kind,
            label,
            mismatchFailures(e.what, where, e.mismatches)
                .map((f) => f.reason)
                .join("; "),
        );
    }
    return true;
}

/** The check failures of what holds the name: a clash without adopt, a difference with it. */
export async function existingFailures(
    e: Existing,
    adopt: boolean | undefined,
    where: string,
    others: () => Promise<string[]>,
): Promise<{ property: string; reason: string }[]> {
    if (e.found !== "taken") {
        return [];
    }
    if (!e.byHand) {
        return [{ property: adopt ? "adopt" : "", reason: adopt ? `${e.refusal} adopt never takes an object another resource or stack owns.` : e.refusal }];
    }
    if (adopt) {
        return mismatchFailures(e.what, where, e.mismatches);
    }
    return [{ property: "", reason: e.refusal + adoptionHint(await others().catch(() => [])) }];
}
