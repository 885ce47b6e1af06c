// Turns the JSON Schema zod writes for a field into a Pulumi schema property: primitives, arrays,
// maps, enums (named types), nested objects (named types) and the shared Connection type.
export type Json = Record<string, unknown>;

export interface PropertySpec {
    type?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    description?: string;
    secret?: boolean;
    default?: unknown;
    replaceOnChanges?: boolean;
}

export interface ObjectTypeSpec {
    type: "object";
    description?: string;
    properties: Record<string, PropertySpec>;
    required?: string[];
}

export interface EnumTypeSpec {
    type: "string";
    description?: string;
    enum: { value: string; name?: string }[];
}

export type TypeSpec = ObjectTypeSpec | EnumTypeSpec;

export const PACKAGE = "netns";
export const token = (name: string): string => `${PACKAGE}:index:${name}`;
export const ref = (name: string): string => `#/types/${token(name)}`;

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A JSON schema's object view: `allOf` parts merged, `{}` parts (unrepresentable) ignored. */
export function objectOf(schema: Json): { properties: Record<string, Json>; required: string[] } {
    if (Array.isArray(schema.allOf)) {
        const parts = (schema.allOf as Json[]).map(objectOf);
        return {
            properties: Object.assign({}, ...parts.map((p) => p.properties)),
            required: [...new Set(parts.flatMap((p) => p.required))],
        };
    }
    return { properties: (schema.properties as Record<string, Json>) ?? {}, required: (schema.required as string[]) ?? [] };
}

/** Collects the named types (enums, nested objects) the properties need. */
export class TypeCollector {
    readonly types: Record<string, TypeSpec> = {};

    /** Registers a type; a name taken by a different shape is a bug in the kinds, said plainly. */
    add(name: string, spec: TypeSpec): string {
        const existing = this.types[token(name)];
        if (existing && JSON.stringify(existing) !== JSON.stringify(spec)) {
            throw new Error(`package schema: two different types named ${name}`);
        }
        this.types[token(name)] = spec;
        return ref(name);
    }

    /** A property from a JSON schema; `typeName` names the enum or object type it may need. */
    property(schema: Json, typeName: string): PropertySpec {
        const spec = this.shape(schema, typeName);
        if (typeof schema.description === "string") {
            spec.description = schema.description;
        }
        if (schema.secret === true) {
            spec.secret = true;
        }
        const d = schema.default;
        if (typeof d === "string" || typeof d === "number" || typeof d === "boolean") {
            spec.default = d;
        }
        return spec;
    }

    /** An object type's properties and required list. */
    object(schema: Json, typeName: string, description?: string): ObjectTypeSpec {
        const { properties, required } = objectOf(schema);
        const spec: ObjectTypeSpec = {
            type: "object",
            properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, this.property(v, `${typeName}${pascal(k)}`)])),
        };
        if (description ?? schema.description) {
            spec.description = (description ?? schema.description) as string;
        }
        if (required.length > 0) {
            spec.required = [...required].sort();
        }
        return spec;
    }

    private shape(schema: Json, typeName: string): PropertySpec {
        if (typeof schema.$ref === "string") {
            return { $ref: schema.$ref };
        }
        if (Array.isArray(schema.anyOf)) {
            // A literal or a pattern ("default" or a network): Pulumi sees one type when all agree.
            const types = new Set((schema.anyOf as Json[]).map((s) => s.type));
            if (types.size === 1) {
                return { type: [...types][0] === "integer" ? "integer" : String([...types][0]) };
            }
            throw new Error(`package schema: ${typeName} mixes types ${[...types].join(", ")}`);
        }
        switch (schema.type) {
            case "string":
                if (Array.isArray(schema.enum)) {
                    return {
                        $ref: this.add(typeName, {
                            type: "string",
                            enum: (schema.enum as string[]).map((value) => ({ value, name: pascal(value) })),
                        }),
                    };
                }
                return { type: "string" };
            case "integer":
            case "number":
            case "boolean":
                return { type: schema.type };
            case "array":
                return { type: "array", items: this.shape((schema.items as Json) ?? {}, typeName) };
            case "object":
                if (schema.properties || schema.allOf) {
                    return { $ref: this.add(typeName, this.object(schema, typeName)) };
                }
                return { type: "object", additionalProperties: this.shape((schema.additionalProperties as Json) ?? {}, typeName) };
            default:
                if (schema.allOf) {
                    return { $ref: this.add(typeName, this.object(schema, typeName)) };
                }
                throw new Error(`package schema: ${typeName} has a type Pulumi cannot describe: ${JSON.stringify(schema).slice(0, 200)}`);
        }
    }
}
