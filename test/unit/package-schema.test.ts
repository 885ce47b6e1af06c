// The package schema against its sources: every kind is public or named internal; each public
// kind's inputs, state, required fields, enums, defaults, secrets and replace-on-change agree with
// its zod schemas and field table; every field is documented; and the TypeScript SDK has a class of
// the same name whose registered properties the schema knows.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import ts from "typescript";
import { z } from "zod";
import { type PackageSpec, packageSchema } from "../../provider/package-schema/generate";
import { objectOf } from "../../provider/package-schema/json-to-pulumi";
import { HIDDEN_FIELDS, internalKinds, publicKinds } from "../../provider/package-schema/public-kinds";
import type { FieldChange } from "../../provider/resources/common/kind";
import { COMMON_FIELDS } from "../../provider/resources/kind-model";
import { type Kind, kinds } from "../../provider/resources/registry";

jest.setTimeout(60_000);

const schema: PackageSpec = packageSchema("1.2.3");
const publicNames = Object.keys(publicKinds) as Kind[];
const resourceOf = (kind: Kind) => schema.resources[`netns:index:${kind}`];
const fieldsOf = (s: z.ZodType, io: "input" | "output") => objectOf(z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<string, unknown>);
const visible = (fields: string[]) => fields.filter((f) => !HIDDEN_FIELDS.has(f)).sort();

test("every kind is either in the package schema or named internal; the components beside them", () => {
    expect([...publicNames, ...internalKinds].sort()).toEqual(Object.keys(kinds).sort());
    expect(Object.keys(schema.resources).sort()).toEqual([...publicNames, "Network"].map((k) => `netns:index:${k}`).sort());
});

test("the schema is plain JSON with the version it was made for", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema).toMatchObject({ name: "netns", version: "1.2.3" });
});

describe.each(publicNames)("%s", (kind) => {
    const def = kinds[kind];
    const resource = resourceOf(kind);
    const inputs = fieldsOf(def.inputs, "input");
    const state = fieldsOf(def.state, "output");
    const named = publicKinds[kind]?.namedAfterResource ?? [];

    test("has exactly the kind's input fields as inputs, and its state's fields as outputs", () => {
        expect(Object.keys(resource.inputProperties).sort()).toEqual(visible(Object.keys(inputs.properties)));
        expect(Object.keys(resource.properties).sort()).toEqual(visible([...new Set([...Object.keys(inputs.properties), ...Object.keys(state.properties)])]));
    });

    test("requires what the zod inputs require without a default, but fields named after the resource", () => {
        const needed = inputs.required.filter((f) => !HIDDEN_FIELDS.has(f) && !named.includes(f) && inputs.properties[f].default === undefined);
        expect(resource.requiredInputs ?? []).toEqual(needed.sort());
    });

    test("replaces on a change exactly where the field table says the object is replaced", () => {
        const fields = def.fields as Readonly<Record<string, FieldChange>>;
        const replacing = Object.entries(fields)
            .filter(([, change]) => change === "name" || change === "replace")
            .map(([f]) => f);
        const marked = Object.entries(resource.inputProperties)
            .filter(([, p]) => p.replaceOnChanges)
            .map(([f]) => f);
        expect(marked.sort()).toEqual(replacing.sort());
        // And the field table names every input field the schema shows (but those every kind takes).
        expect(visible(Object.keys(fields))).toEqual(
            Object.keys(resource.inputProperties)
                .filter((f) => !COMMON_FIELDS.has(f))
                .sort(),
        );
    });

    test("documents every input and output field (from .describe() on the zod field)", () => {
        const undocumented = [...Object.entries(resource.inputProperties), ...Object.entries(resource.properties)]
            .filter(([, p]) => !p.description)
            .map(([f]) => f);
        expect(undocumented).toEqual([]);
    });

    test("keeps the connection secret and typed", () => {
        expect(resource.inputProperties.connection).toMatchObject({ $ref: "#/types/netns:index:Connection", secret: true });
        expect(resource.properties.connection).toMatchObject({ $ref: "#/types/netns:index:Connection", secret: true });
    });

    test("spells enums and defaults as the zod inputs do", () => {
        for (const [field, json] of Object.entries(inputs.properties)) {
            const property = resource.inputProperties[field];
            if (Array.isArray(json.enum) && property) {
                const type = schema.types[String(property.$ref).replace("#/types/", "")];
                expect(type && "enum" in type ? type.enum.map((e) => e.value) : undefined).toEqual(json.enum);
            }
            if (property && ["string", "number", "boolean"].includes(typeof json.default)) {
                expect(property.default).toEqual(json.default);
            }
        }
    });
});

test("the Connection type marks passwords and keys secret, and requires a host", () => {
    const connection = schema.types["netns:index:Connection"];
    const endpoint = schema.types["netns:index:ConnectionEndpoint"];
    for (const type of [connection, endpoint]) {
        expect(type).toMatchObject({ type: "object", required: ["host"] });
        const secrets = Object.entries("properties" in type ? type.properties : {})
            .filter(([, p]) => p.secret)
            .map(([f]) => f);
        expect(secrets.sort()).toEqual(["password", "privateKey", "privateKeyPassword"]);
    }
    expect(schema.config.variables.connection).toMatchObject({ $ref: "#/types/netns:index:Connection", secret: true });
});

test("every $ref points at a type the schema defines", () => {
    const refs = JSON.stringify(schema).match(/#\/types\/[^"]+/g) ?? [];
    for (const r of refs) {
        expect(schema.types).toHaveProperty([r.replace("#/types/", "")]);
    }
});

/** Each zod field with `.describe("...")` in a source file, with the TSDoc above it (what TypeScript users see). */
function describedFields(file: string): { field: string; described: string; tsdoc: string }[] {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const found: { field: string; described: string; tsdoc: string }[] = [];
    const visit = (node: ts.Node) => {
        if ((ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) && node.initializer && ts.isCallExpression(node.initializer)) {
            const call = node.initializer;
            const [text] = call.arguments;
            if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === "describe" && text && ts.isStringLiteralLike(text)) {
                const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
                const comment = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join(" ");
                const fallback = docs.flatMap((d) => d.tags ?? []).find((t) => t.tagName.text === "default");
                const tsdoc = `${comment} ${fallback ? `Default: ${ts.getTextOfJSDocComment(fallback.comment)}.` : ""}`.replace(/\s+/g, " ").trim();
                found.push({ field: `${file.split("/provider/")[1]}: ${node.name.getText()}`, described: text.text, tsdoc });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

test("a field's doc is written once, in .describe() (the generated TypeScript types and every other SDK take it from there); a TSDoc left above it says the same", () => {
    const root = join(__dirname, "..", "..", "..", "provider");
    const files = [
        ...readdirSync(join(root, "resources"))
            .map((d) => join(root, "resources", d, "schema.ts"))
            .filter((f) => {
                try {
                    return readFileSync(f).length > 0;
                } catch {
                    return false;
                }
            }),
        join(root, "resources", "common", "rule-set.ts"),
        join(root, "schemas", "forwarding.ts"),
    ];
    const fields = files.flatMap(describedFields);
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => f.tsdoc !== "" && f.tsdoc !== f.described)).toEqual([]);
});

describe("the TypeScript SDK", () => {
    const registered = new Map<string, Set<string>>();

    beforeAll(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    const kind = /netns:(\w+)$/.exec(args.type)?.[1];
                    if (kind) {
                        registered.set(kind, new Set(Object.keys(args.inputs)));
                    }
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: () => ({}),
            },
            "schema",
            "test",
            false,
        );
    });

    /** A value of a property's type, enough for the SDK to register the resource. */
    const sample = (kind: Kind, field: string): unknown => {
        const property = resourceOf(kind).inputProperties[field];
        return property.type === "array" ? [] : property.type === "integer" || property.type === "number" ? 1 : "x";
    };

    test.each(publicNames)("has a class %s whose registered properties the schema knows", async (kind) => {
        const sdk = require("../../sdk") as Record<string, new (name: string, args: Record<string, unknown>) => pulumi.CustomResource>;
        expect(typeof sdk[kind]).toBe("function");
        const args = Object.fromEntries((resourceOf(kind).requiredInputs ?? []).map((f) => [f, sample(kind, f)]));
        const made = new sdk[kind](`sample-${kind.toLowerCase()}`, args);
        await new Promise((resolve) => made.urn.apply(resolve));
        const keys = [...(registered.get(kind) ?? [])].filter((k) => k !== "__provider" && !HIDDEN_FIELDS.has(k));
        expect(registered.has(kind)).toBe(true);
        expect(keys.filter((k) => !(k in resourceOf(kind).properties))).toEqual([]);
    });
});
