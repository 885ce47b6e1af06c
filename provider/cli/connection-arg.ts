// The machine a CLI command reaches: a resource's `connection` fields read from a file
// (--connection-file) or from PULUMI_NETNS_CONNECTION, never from the command line, where every
// local user can read them (ps, /proc/PID/cmdline). A malformed value is refused without quoting
// any of it: it may hold a password or a key.

/** The environment variable that may hold a connection's JSON. */
export const CONNECTION_ENV = "PULUMI_NETNS_CONNECTION";

/** Parses a connection's JSON; the error names where it came from and the problem, never the text. */
export function parseConnectionJson(text: string, source: string): unknown {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new Error(`${source} is not valid JSON (its content is not shown: it may hold secrets)`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`${source} must hold a JSON object of connection fields, such as {"host": "10.0.0.5"}`);
    }
    return value;
}

/**
 * The connection the options name: --connection-file FILE ("-": standard input), else the
 * environment variable, else undefined (this machine).
 */
export async function connectionFrom(
    file: string | undefined,
    read: (file: string) => Promise<string>,
    env: NodeJS.ProcessEnv = process.env,
): Promise<unknown> {
    if (file !== undefined) {
        return parseConnectionJson(await read(file), file === "-" ? "the connection on standard input" : `--connection-file ${file}`);
    }
    const fromEnv = env[CONNECTION_ENV];
    return fromEnv ? parseConnectionJson(fromEnv, CONNECTION_ENV) : undefined;
}
