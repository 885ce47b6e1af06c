// Which top-level fields of a kind hold secrets, read from its schema (`.meta({ secret: true })`):
// a field is secret as a whole when it, or anything inside it, is marked so (a connection holds a
// password and keys, so the whole connection is secret). Both doors keep these fields secret.
import { z } from "zod";

type Json = Record<string, unknown>;

/** The properties of a JSON schema object, `allOf` parts merged. */
const propertiesOf = (schema: Json): Record<string, Json> =>
    Array.isArray(schema.allOf) ? Object.assign({}, ...(schema.allOf as Json[]).map(propertiesOf)) : ((schema.properties as Record<string, Json>) ?? {});

/** True when a JSON schema, or one nested in it (objects, arrays, maps, unions), is marked secret. */
function holdsSecret(schema: unknown): boolean {
    if (schema === null || typeof schema !== "object") {
        return false;
    }
    const s = schema as Json;
    if (s.secret === true) {
        return true;
    }
    return Object.entries(s).some(([key, value]) => key !== "default" && typeof value === "object" && holdsSecret(value));
}

const cache = new WeakMap<z.ZodType, ReadonlySet<string>>();

/** The top-level fields of `schema` that must stay secret. */
export function secretFields(schema: z.ZodType): ReadonlySet<string> {
    let fields = cache.get(schema);
    if (!fields) {
        const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
        fields = new Set(
            Object.entries(propertiesOf(json))
                .filter(([, property]) => holdsSecret(property))
                .map(([field]) => field),
        );
        cache.set(schema, fields);
    }
    return fields;
}
