// The fields of each kind's state, read from its state schema: the SDK registers every one as an
// output, so a resource made with required arguments only still has every output it documents.
import type { z } from "zod";
import { type Kind, kinds } from "./registry";

type Shape = Record<string, z.core.$ZodType>;

/** The fields of the objects a schema is made of, through pipes, intersections and wrappers. */
export function objectShape(schema: z.core.$ZodType): Shape {
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
        case "object":
            return def.shape as Shape;
        case "pipe":
            return merged(objectShape(def.in as z.core.$ZodType), objectShape(def.out as z.core.$ZodType));
        case "intersection":
            return merged(objectShape(def.left as z.core.$ZodType), objectShape(def.right as z.core.$ZodType));
        default:
            return def.innerType ? objectShape(def.innerType as z.core.$ZodType) : {};
    }
}

/** Both shapes' fields, in order; a field in both is the first one's (the inputs' side, with its docs). */
const merged = (first: Shape, second: Shape): Shape => ({ ...first, ...Object.fromEntries(Object.entries(second).filter(([k]) => !(k in first))) });

export const objectKeys = (schema: z.core.$ZodType): string[] => Object.keys(objectShape(schema));

/** Every field of a kind's state. */
export function stateFields(kind: Kind): string[] {
    return objectKeys(kinds[kind].state);
}

/** A field's `.describe()` text, on the field or on what its wrappers (optional, default) wrap. */
export function descriptionOf(schema: z.core.$ZodType): string | undefined {
    const described = (schema as { description?: string }).description;
    const inner = (schema._zod.def as { innerType?: z.core.$ZodType }).innerType;
    return described ?? (inner ? descriptionOf(inner) : undefined);
}
