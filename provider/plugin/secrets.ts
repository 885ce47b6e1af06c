// Secret values as the engine sends them to a provider that accepts secrets, and back: an object
// `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const isSecret = (value: unknown): value is { value: unknown } =>
    value !== null && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/** The plain value, every secret inside it opened (the kinds see plain values, as in the dynamic provider). */
export function reveal(value: unknown): unknown {
    if (isSecret(value)) {
        return reveal(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(reveal);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

/** Where in `value` the secrets are: each one's path ("environment", "TOKEN"), outermost only. */
export function secretPaths(value: unknown, at: PropertyKey[] = []): PropertyKey[][] {
    if (isSecret(value)) {
        return [at];
    }
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => secretPaths(v, [...at, Array.isArray(value) ? Number(k) : k]));
    }
    return [];
}

export const secret = (value: unknown): unknown => (value === undefined || isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value });

/** The properties with their `connection` (keys, passwords) marked secret for the engine to encrypt. */
export function withSecretConnection<T extends Record<string, unknown> | undefined>(props: T): T {
    return props && props.connection !== undefined ? { ...props, connection: secret(props.connection) } : props;
}
