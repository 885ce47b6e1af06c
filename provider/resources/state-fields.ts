// The fields of each kind's state, read from its state schema: the SDK registers every one as an
// output, so a resource made with required arguments only still has every output it documents.
import type { z } from "zod";
import { type Kind, kinds } from "./registry";

/** The keys of the objects a schema is made of, through pipes, intersections and wrappers. */
export function objectKeys(schema: z.core.$ZodType): string[] {
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
        case "object":
            return Object.keys(def.shape as object);
        case "pipe":
            return union(objectKeys(def.in as z.core.$ZodType), objectKeys(def.out as z.core.$ZodType));
        case "intersection":
            return union(objectKeys(def.left as z.core.$ZodType), objectKeys(def.right as z.core.$ZodType));
        default:
            return def.innerType ? objectKeys(def.innerType as z.core.$ZodType) : [];
    }
}

const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];

/** Every field of a kind's state. */
export function stateFields(kind: Kind): string[] {
    return objectKeys(kinds[kind].state);
}
