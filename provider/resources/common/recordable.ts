// Pulumi records a resource only if its outputs fit a protobuf Struct: null, booleans, finite
// numbers, strings, arrays and plain objects. `undefined` anywhere makes the engine's encoding
// throw "Unexpected struct type." after the kernel work is done, so outputs pass through here.

/** A plain object of any realm (jest runs tests in a separate one): its prototype is an Object.prototype or null. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return false;
    }
    const proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Why a value cannot be recorded, with the field path; undefined when it can. */
export function unrecordableAt(value: unknown, path = ""): string | undefined {
    const where = path || "(outputs)";
    if (value === null || typeof value === "string" || typeof value === "boolean") {
        return undefined;
    }
    if (typeof value === "number") {
        return Number.isFinite(value) ? undefined : `${where} is ${value}, which state cannot hold`;
    }
    if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) {
            const problem = item === undefined ? `${path}[${i}] is undefined` : unrecordableAt(item, `${path}[${i}]`);
            if (problem) {
                return problem;
            }
        }
        return undefined;
    }
    if (isPlainObject(value)) {
        for (const [key, item] of Object.entries(value)) {
            const problem = unrecordableAt(item, path ? `${path}.${key}` : key);
            if (problem) {
                return problem;
            }
        }
        return undefined;
    }
    return `${where} is ${value === undefined ? "undefined" : `a ${typeof value}`}, which state cannot hold`;
}

/** Drops object fields whose value is undefined, at every depth (an absent field means the same). */
export function withoutUndefined<T>(value: T): T {
    if (Array.isArray(value)) {
        return value.map(withoutUndefined) as T;
    }
    if (isPlainObject(value)) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, withoutUndefined(v)]),
        ) as T;
    }
    return value;
}

/** The outputs as the engine can record them; throws naming the field when they cannot be. */
export function recordable(outs: Record<string, unknown>): Record<string, unknown> {
    const cleaned = withoutUndefined(outs);
    const problem = unrecordableAt(cleaned);
    if (problem) {
        throw new Error(`internal error, nothing was left behind: output ${problem}`);
    }
    return cleaned;
}
