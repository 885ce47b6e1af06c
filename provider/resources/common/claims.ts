// Cross-resource checks made at check time, in the provider core so both doors make them: what a
// resource takes on its machine that no other resource of the same run may take too (a host port).
// The engine checks every resource of a run in one provider process, so the claims of the
// resources checked so far are here; a resource checked again (its tag known) replaces its own.

/** What a resource takes, as its kind says it. */
export interface Claim {
    /** What may be taken once: "port|local|4|tcp|8080". */
    key: string;
    /** How the claim reads in a message: "any address", "10.0.0.5". */
    detail: string;
    /** Overlaps every other claim of the key (e.g. "any address"); otherwise only an equal detail. */
    wildcard?: boolean;
}

interface Held extends Claim {
    /** The resource's owner tag, when known: the same resource checked twice is not a clash. */
    owner?: string;
    /** How messages name it: `PortForward "web-a"`. */
    name: string;
}

const held: Held[] = [];

const clash = (a: Claim, b: Claim): boolean => a.key === b.key && (a.detail === b.detail || a.wildcard === true || b.wildcard === true);

/** Records a resource's claims; returns the first earlier claim of another resource each one clashes with. */
export function stake(name: string, owner: string | undefined, claims: readonly Claim[]): { claim: Claim; other: Held } | undefined {
    if (owner !== undefined) {
        for (let i = held.length - 1; i >= 0; i--) {
            if (held[i].owner === owner) {
                held.splice(i, 1);
            }
        }
    }
    for (const claim of claims) {
        const other = held.find((h) => clash(h, claim));
        if (other) {
            return { claim, other };
        }
    }
    held.push(...claims.map((c) => ({ ...c, owner, name })));
    return undefined;
}
