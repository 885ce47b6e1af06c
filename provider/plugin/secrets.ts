// Secret values as the engine sends them to a provider that accepts secrets, and back: an object
// `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`. The kinds
// see plain values (as in the dynamic provider); what went in secret, and every field the schema
// marks secret, comes back secret, so the engine encrypts it in state and hides it in diffs.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;
/** Where a value sits in a property bag: field names and list indexes. */
export type Path = (string | number)[];

const isSecret = (value: unknown): value is { value: unknown } => value !== null && typeof value === "object" && (value as Props)[SIG_KEY] === SECRET_SIG;

const isObject = (value: unknown): value is Props => value !== null && typeof value === "object" && !Array.isArray(value);

/** The plain value, every secret inside it opened. */
export function reveal(value: unknown): unknown {
    if (isSecret(value)) {
        return reveal(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(reveal);
    }
    if (isObject(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

export const secret = (value: unknown): unknown => (value === undefined || isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value: reveal(value) });

/** The paths of the values that arrived secret (the outermost of nested ones). */
export function secretPaths(value: unknown, at: Path = []): Path[] {
    if (isSecret(value)) {
        return [at];
    }
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => secretPaths(v, [...at, i]));
    }
    if (isObject(value)) {
        return Object.entries(value).flatMap(([k, v]) => secretPaths(v, [...at, k]));
    }
    return [];
}

/** `value` with the value at `path` marked secret; where the path no longer leads, its deepest remaining part is. */
function markedAt(value: unknown, path: Path): unknown {
    if (value === undefined || isSecret(value)) {
        return value;
    }
    const [key, ...rest] = path;
    if (key === undefined) {
        return secret(value);
    }
    if (Array.isArray(value) && typeof key === "number" && key < value.length) {
        return value.map((v, i) => (i === key ? markedAt(v, rest) : v));
    }
    if (isObject(value) && typeof key === "string" && key in value) {
        return { ...value, [key]: markedAt(value[key], rest) };
    }
    return secret(value);
}

/**
 * A result's properties with the schema's secret fields and every path in `arrived` (what the
 * engine sent secret) marked secret; the rest as the kinds returned it.
 */
export function keepSecret<T extends Props | undefined>(props: T, fields: ReadonlySet<string>, arrived: readonly Path[]): T {
    if (!props) {
        return props;
    }
    let out: Props = props;
    for (const path of [...[...fields].map((f) => [f]), ...arrived]) {
        if (path.length > 0 && out[path[0] as string] !== undefined) {
            out = markedAt(out, path) as Props;
        }
    }
    return out as T;
}
