// Turns zod validation into Pulumi check failures that name the field, skipping unknown values.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { localHostProblem } from "../../host/preflight";
import { UNKNOWN } from "./unknown";

/** "addresses[1]", "connection.host": the property path Pulumi shows next to the reason. */
export function propertyPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let value = root;
    for (const key of path) {
        if (value === UNKNOWN) {
            return UNKNOWN;
        }
        value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    }
    return value;
}

/** True when the value or one of its parents along `path` is unknown (not computed yet). */
function isUnknownAt(root: unknown, path: readonly PropertyKey[]): boolean {
    for (let i = 0; i <= path.length; i++) {
        if (valueAt(root, path.slice(0, i)) === UNKNOWN) {
            return true;
        }
    }
    return false;
}

/** How a value reads in a message: strings quoted, anything else as JSON, cut to a readable length. */
function shown(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

type Path = readonly PropertyKey[];

/**
 * The paths of the values that reached the provider as secrets (the plugin knows them; the dynamic
 * provider is sent plain values and judges by the schema alone), by the props object they came in.
 */
const arrivedSecret = new WeakMap<object, Path[]>();

/** Records which values of `props` were secrets when they arrived, so no refusal quotes them. */
export function markArrivedSecret<T extends object>(props: T, paths: Path[]): T {
    arrivedSecret.set(props, paths);
    return props;
}

type JsonNode = Record<string, unknown>;
const jsonSchemas = new WeakMap<z.ZodType, JsonNode>();

/** The schema as JSON Schema (where `.meta({ secret: true })` shows as `secret: true`), made once. */
function jsonOf(schema: z.ZodType): JsonNode {
    let json = jsonSchemas.get(schema);
    if (!json) {
        json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonNode;
        jsonSchemas.set(schema, json);
    }
    return json;
}

/** The schemas a JSON Schema node may be (itself, and the parts of allOf / anyOf / oneOf). */
function alternatives(node: JsonNode): JsonNode[] {
    const parts = ["allOf", "anyOf", "oneOf"].flatMap((k) => (Array.isArray(node[k]) ? (node[k] as JsonNode[]) : []));
    return [node, ...parts.flatMap(alternatives)];
}

/** The nodes a value one step down (`key`) is judged by. */
function childNodes(node: JsonNode, key: PropertyKey): JsonNode[] {
    return alternatives(node).flatMap((n) => {
        const under = typeof key === "number" ? n.items : ((n.properties as JsonNode | undefined)?.[String(key)] ?? n.additionalProperties);
        return under !== null && typeof under === "object" ? [under as JsonNode] : [];
    });
}

const isSecretNode = (node: JsonNode): boolean => alternatives(node).some((n) => n.secret === true);

/** True when the schema marks the field at `path`, or one of its parents, secret. */
function secretAlong(schema: z.ZodType, path: Path): boolean {
    let nodes = [jsonOf(schema)];
    for (const key of path) {
        nodes = nodes.flatMap((n) => childNodes(n, key));
        if (nodes.some(isSecretNode)) {
            return true;
        }
    }
    return false;
}

/** True when the field at `path` may hold a secret anywhere inside it (a connection's password). */
function holdsSecret(schema: z.ZodType, path: Path): boolean {
    const within = (node: JsonNode, depth: number): boolean =>
        isSecretNode(node) ||
        (depth < 8 &&
            alternatives(node).some((n) =>
                [...Object.values((n.properties as Record<string, JsonNode> | undefined) ?? {}), n.items, n.additionalProperties].some(
                    (c) => c !== null && typeof c === "object" && within(c as JsonNode, depth + 1),
                ),
            ));
    let nodes = [jsonOf(schema)];
    for (const key of path) {
        nodes = nodes.flatMap((n) => childNodes(n, key));
    }
    return nodes.some((n) => within(n, 0));
}

/** True when `a` is `b` or one of its parents. */
const covers = (a: Path, b: Path): boolean => a.length <= b.length && a.every((k, i) => String(k) === String(b[i]));

/**
 * One failure per bad field. The engine shows a failure as `property P value V has a problem: R`,
 * looking P up among the top-level inputs only: a nested field ("addresses[0]") is reported on its
 * top-level field, and its path and the user's value lead the reason, so the typo is in the message.
 * A value is never quoted where it may be a secret (a field the schema marks secret or one that
 * arrived secret): the reason names the field and the rule only. Nor is the top-level field named
 * as the property when it may hold a secret, since the engine would print its whole value.
 */
function failureOf(schema: z.ZodType, news: Record<string, unknown>, path: Path, message: string) {
    const secrets = arrivedSecret.get(news) ?? [];
    const top = path.slice(0, 1);
    const topSecret = path.length > 0 && (holdsSecret(schema, top) || secrets.some((s) => covers(s, top) || covers(top, s)));
    const quotable = path.length > 1 && !secretAlong(schema, path) && !secrets.some((s) => covers(s, path) || covers(path, s));
    const reason =
        path.length <= 1 ? message : quotable ? `${propertyPath(path)} is ${shown(valueAt(news, path))}: ${message}` : `${propertyPath(path)}: ${message}`;
    if (topSecret) {
        return { property: "", reason: path.length <= 1 ? `${propertyPath(path)}: ${message}` : reason };
    }
    return { property: path.length <= 1 ? propertyPath(path) || "(inputs)" : String(path[0]), reason };
}

/** What an issue says is wrong; a bad key of a record says its own rule, not "Invalid key in record". */
function ruleOf(issue: z.core.$ZodIssue): string {
    const inner = issue.code === "invalid_key" ? issue.issues[0]?.message : undefined;
    return inner ? `the name ${inner}` : issue.message;
}

/**
 * Validates `news` and returns the inputs unchanged (unknowns kept) with one failure per bad field.
 * Values that are unknown during preview are not judged; they are checked again at `up`.
 * With `tools`, a resource on this machine also needs CAP_NET_ADMIN and those tools on PATH.
 */
export function checkInputs(schema: z.ZodType, news: Record<string, unknown>, tools: readonly string[] = []): pulumi.dynamic.CheckResult {
    const parsed = schema.safeParse(news);
    const failures = parsed.success
        ? []
        : parsed.error.issues.filter((issue) => !isUnknownAt(news, issue.path)).map((issue) => failureOf(schema, news, issue.path, ruleOf(issue)));
    const problem = tools.length > 0 && news.connection === undefined ? localHostProblem(tools) : undefined;
    if (problem) {
        // About the machine, not a field: no property, so the engine does not show one as bad.
        failures.push({ property: "", reason: problem });
    }
    return { inputs: news, failures };
}

/** Parses inputs that check already accepted; any failure here is a programming error, said plainly. */
export function parseInputs<T>(schema: z.ZodType<T>, kind: string, props: Record<string, unknown>): T {
    const parsed = schema.safeParse(props);
    if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new Error(`${kind}: invalid input ${propertyPath(first.path)}: ${first.message}`);
    }
    return parsed.data;
}
