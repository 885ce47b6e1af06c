// The pulumi-netns resources of an exported stack, from either door: `netns:index:<Kind>` (the
// plugin: YAML, Python, Go) and `pulumi-nodejs:dynamic/netns:<Kind>` (the TypeScript SDK). Secrets
// shown (`--show-secrets`) are opened; encrypted ones stay out of reach.
import { z } from "zod";

const exported = z.object({
    deployment: z.object({
        resources: z
            .array(z.object({ urn: z.string().optional(), type: z.string(), outputs: z.record(z.string(), z.unknown()).optional() }))
            .nullish()
            .transform((r) => r ?? []),
    }),
});

/** The marker key Pulumi puts on secret values in exported state. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Internal kinds of the TypeScript SDK, which draw nothing. */
const INTERNAL = new Set(["StackIdentity", "AddressPool"]);

export interface StackResource {
    kind: string;
    /** Its outputs; a secret exported with --show-secrets is its plain value, an encrypted one stays a marker object. */
    outputs: Record<string, unknown>;
}

/** The kind of a resource type from either door; undefined for any other type. */
export const kindOfType = (type: string): string | undefined => /^(?:netns:index:|pulumi-nodejs:dynamic\/netns:)(\w+)$/.exec(type)?.[1];

/** A value with every shown secret opened (`{ SIG, plaintext }` -> its value); encrypted ones kept as they are. */
function opened(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(opened);
    }
    if (value !== null && typeof value === "object") {
        const v = value as Record<string, unknown>;
        if (SECRET_SIG in v) {
            return typeof v.plaintext === "string" ? opened(JSON.parse(v.plaintext)) : v;
        }
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, opened(x)]));
    }
    return value;
}

/**
 * The stack's pulumi-netns resources; a stack with none is an error that says so (a picture of
 * nothing would look like an empty network).
 */
export function stackResources(json: unknown): StackResource[] {
    const all = exported.parse(json).deployment.resources;
    const found = all.flatMap(({ type, outputs = {} }) => {
        const kind = kindOfType(type);
        return kind && !INTERNAL.has(kind) ? [{ kind, outputs: opened(outputs) as Record<string, unknown> }] : [];
    });
    if (found.length === 0) {
        throw new Error(
            `the stack has no pulumi-netns resource (${all.length} resources, none of type netns:index:* or pulumi-nodejs:dynamic/netns:*): ` +
                "is it the right stack (--stack NAME), and has it been `pulumi up`-ed?",
        );
    }
    return found;
}
