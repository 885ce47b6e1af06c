// The fields of a resource's state that the runner owns, whatever its kind: one schema, parsed once
// where the runner takes props in. A kind's own state never holds them; the runner writes them
// beside it (create, read, update) and keeps what a kind's parse would drop.
import { z } from "zod";

export const envelope = z.object({
    /** How the resource reaches its machine, as the program gave it (a kind parses it for itself). */
    connection: z.unknown().optional(),
    /** The owner tag its kernel objects carry: kept by every update (owner.ts). */
    ownerTag: z.string().optional(),
    /** The host key the machine presented at create, pinned after (first-use-trust.ts). */
    hostKeySeen: z.string().optional(),
    /** The same for the bastion (`connection.proxy`). */
    proxyHostKeySeen: z.string().optional(),
    /** False when a read found the kernel objects drifted (observe said so): the next update puts them back. */
    inSync: z.boolean().optional(),
});

export type Envelope = z.infer<typeof envelope>;

/** The runner's fields of a resource's props; a value of the wrong type (a hand-edited state) counts as absent. */
export function envelopeOf(props: Record<string, unknown>): Envelope {
    const fields = Object.keys(envelope.shape) as (keyof Envelope)[];
    return Object.fromEntries(
        fields.flatMap((field) => {
            const parsed = envelope.shape[field].safeParse(props[field]);
            return parsed.success && parsed.data !== undefined ? [[field, parsed.data]] : [];
        }),
    ) as Envelope;
}
