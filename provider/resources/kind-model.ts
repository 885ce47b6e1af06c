// The one normalised model of every registered kind, read once from its definition: each field's
// name, JSON type, default, documentation (its `.describe()` text), secrecy, what its change does
// and whether it takes the resource's name. Everything users see of a kind follows from it: the
// package schema (and so the Python and Go SDKs), the TypeScript SDK's generated types and facts
// (scripts/gen-sdk-types.ts), the state keys registered as outputs and the floor benchmark's kinds.
import { z } from "zod";
import { type Json, objectOf } from "../package-schema/json-to-pulumi";
import type { FieldChange, KindDefinition } from "./common/kind";
import { type Kind, kinds } from "./registry";

export interface FieldModel {
    name: string;
    /** The field's JSON schema as zod writes it (type, enum, items, default, description). */
    json: Json;
    doc?: string;
    default?: unknown;
    /** A program must give it: no default, not optional, not named after the resource. */
    required: boolean;
    /** It holds a value after every create: required by its schema, or defaulted. */
    alwaysPresent: boolean;
    secret: boolean;
    /** What a change of it does (inputs only; state-only fields are the kernel's report). */
    change?: FieldChange;
    namedAfterResource: boolean;
}

export interface KindModel {
    kind: Kind;
    summary: string;
    internal: boolean;
    inputs: FieldModel[];
    /** Every field of its state: the resource's outputs, inputs' spelling first. */
    state: FieldModel[];
}

/** The inputs every kind takes (CommonInputs in common/kind.ts): no field table names them. */
export const COMMON_FIELDS: ReadonlySet<string> = new Set(["connection", "ownerTag", "adopt"]);

/** Fields the runner owns (the owner tag) or the core fills in (owner names): no door shows them to users. */
export const RUNNER_FIELDS: ReadonlySet<string> = new Set(["ownerTag", "ownerName"]);

const jsonOf = (schema: z.ZodType, io: "input" | "output"): Json => z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;

/** True when the field's schema, or the connection's parts it holds, is marked `.meta({ secret: true })`. */
const isSecret = (json: Json): boolean => json.secret === true;

function fieldsOf(json: Json, fields: Readonly<Record<string, FieldChange>>, named: ReadonlySet<string>): FieldModel[] {
    const { properties, required } = objectOf(json);
    return Object.entries(properties).map(([name, field]) => ({
        name,
        json: field,
        ...(typeof field.description === "string" ? { doc: field.description } : {}),
        ...(field.default !== undefined ? { default: field.default } : {}),
        required: required.includes(name) && field.default === undefined && !named.has(name),
        alwaysPresent: required.includes(name) || field.default !== undefined,
        secret: isSecret(field),
        ...(fields[name] ? { change: fields[name] } : {}),
        namedAfterResource: named.has(name),
    }));
}

/** The model of one kind definition. */
export function modelOf(kind: Kind, definition: KindDefinition<never, never>): KindModel {
    const fields = definition.fields as Readonly<Record<string, FieldChange>>;
    const named = new Set<string>(definition.namedAfterResource ?? []);
    const inputs = fieldsOf(jsonOf(definition.inputs, "input"), fields, named);
    // The state as stored (output: defaults filled in) and as written (input: what a transform hides
    // from its output side, such as a PortForward's fields, stays visible); the stored side first.
    const stored = new Map(fieldsOf(jsonOf(definition.state, "output"), {}, named).map((f) => [f.name, f]));
    const written = fieldsOf(jsonOf(definition.state, "input"), {}, named);
    const byName = new Map(inputs.map((f) => [f.name, f]));
    const state = [...new Set([...written.map((f) => f.name), ...stored.keys()])].map((name) => {
        const field = stored.get(name) ?? written.find((f) => f.name === name)!;
        const doc = field.doc ?? written.find((f) => f.name === name)?.doc ?? byName.get(name)?.doc;
        const change = byName.get(name)?.change;
        return { ...field, ...(doc ? { doc } : {}), ...(change ? { change } : {}) };
    });
    return {
        kind,
        summary: definition.summary,
        internal: definition.internal === true,
        inputs,
        state,
    };
}

let models: Record<Kind, KindModel> | undefined;

/** Every registered kind's model, derived once. */
export function kindModels(): Record<Kind, KindModel> {
    models ??= Object.fromEntries(Object.entries(kinds).map(([kind, definition]) => [kind, modelOf(kind as Kind, definition as never)])) as Record<
        Kind,
        KindModel
    >;
    return models;
}
