// Turns zod validation into Pulumi check failures that name the field, skipping unknown values.
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
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

/**
 * One failure per bad field. The engine shows a failure as `property P value V has a problem: R`,
 * looking P up among the top-level inputs only: a nested field ("addresses[0]") is reported on its
 * top-level field, and its path and the user's value lead the reason, so the typo is in the message.
 */
function failureOf(news: Record<string, unknown>, path: readonly PropertyKey[], message: string) {
    if (path.length <= 1) {
        return { property: propertyPath(path) || "(inputs)", reason: message };
    }
    return { property: String(path[0]), reason: `${propertyPath(path)} is ${shown(valueAt(news, path))}: ${message}` };
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
        : parsed.error.issues.filter((issue) => !isUnknownAt(news, issue.path)).map((issue) => failureOf(news, issue.path, issue.message));
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
