// Opens one SSH connection, retrying while the machine boots; through a bastion when asked.
// A refused host key or refused credentials are final: retrying cannot fix them.
import type { Duplex } from "node:stream";
import { Client } from "ssh2";
import type { Connection } from "../../schemas/connection";
import { attemptLimit, backoffBefore, connectConfig, describeEndpoint, type Endpoint } from "./dial-plan";
import { fingerprint } from "./host-key";

/** The host key each connected client's server presented ("ssh-ed25519 AAAA..."), for trust on first use. */
const presentedKeys = new WeakMap<Client, string>();
export const presentedKeyOf = (client: Client): string | undefined => presentedKeys.get(client);
/** The bastion each client was dialled through, for the bastion's own key. */
const bastions = new WeakMap<Client, Client>();
export const bastionKeyOf = (client: Client): string | undefined => {
    const bastion = bastions.get(client);
    return bastion && presentedKeys.get(bastion);
};

/** How to reach the TCP endpoint; tests hand in a socket of their own. */
export type OpenSocket = (e: Endpoint) => Promise<Duplex | undefined>;

export class SshDialError extends Error {
    constructor(
        message: string,
        readonly final: boolean,
    ) {
        super(message);
        this.name = "SshDialError";
    }
}

const WAY_OUT =
    "If that machine is gone for good, its network objects went with it: remove its resources " +
    "from the stack with `pulumi state delete --target-dependents '<URN>'` (URNs: `pulumi stack --show-urns`), " +
    "or `pulumi state delete --all` when the stack holds nothing else.";

/** Dials `connection` (and its proxy first, if any), trying up to each endpoint's dialErrorLimit. */
export async function dial(connection: Connection, openSocket?: OpenSocket): Promise<Client> {
    if (!connection.proxy) {
        return dialWithRetries(connection, openSocket);
    }
    const bastion = await dialWithRetries(connection.proxy, openSocket, "", "connection.proxy.hostKey");
    try {
        const target = await dialWithRetries(connection, (e) => forwardThrough(bastion, e), `via ${describeEndpoint(connection.proxy)}`);
        target.once("close", () => bastion.end()); // the bastion lives exactly as long as the hop it carries
        bastions.set(target, bastion);
        return target;
    } catch (error) {
        bastion.end();
        throw error;
    }
}

async function dialWithRetries(e: Endpoint, openSocket?: OpenSocket, via = "", pin = "connection.hostKey"): Promise<Client> {
    const limit = attemptLimit(e);
    const started = Date.now();
    let last: SshDialError | undefined;
    for (let attempt = 1; attempt <= limit; attempt++) {
        await new Promise((r) => setTimeout(r, backoffBefore(attempt)));
        try {
            return await dialOnce(e, await openSocket?.(e), pin);
        } catch (error) {
            last = error instanceof SshDialError ? error : new SshDialError(String((error as Error).message), false);
            if (last.final) {
                throw new SshDialError(`${describeEndpoint(e)}${via ? ` ${via}` : ""}: ${last.message}`, true);
            }
        }
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    throw new SshDialError(
        `cannot reach ${describeEndpoint(e)}${via ? ` ${via}` : ""} after ${limit} attempts ` + `over ${seconds} s (last error: ${last?.message}). ${WAY_OUT}`,
        true,
    );
}

/** One attempt; `pin` names the field whose key (given, or recorded at create) the server must present. */
function dialOnce(e: Endpoint, sock: Duplex | undefined, pin: string): Promise<Client> {
    let config: ReturnType<typeof connectConfig>;
    try {
        config = connectConfig(e);
    } catch (error) {
        throw new SshDialError((error as Error).message, true);
    }
    const { pinned, ...options } = config;
    return new Promise((resolve, reject) => {
        const client = new Client();
        let presented: string | undefined;
        let seen: Buffer | undefined;
        client.once("ready", () => {
            if (seen) {
                const type = seen.subarray(4, 4 + seen.readUInt32BE(0)).toString();
                presentedKeys.set(client, `${type} ${seen.toString("base64")}`);
            }
            resolve(client);
        });
        client.on("error", (error: Error & { level?: string }) => {
            client.end();
            if (presented) {
                reject(
                    new SshDialError(
                        `host key refused: the server presented ${presented}, ` +
                            `but ${pin} (or, without it, the key the stack recorded when it first reached the ` +
                            `machine) is ${fingerprint(pinned!.blob)}; no command was run. If the machine's key changed on ` +
                            `purpose, set ${pin} to its new public key line (\`ssh-keyscan -t ed25519 HOST\`)`,
                        true,
                    ),
                );
            } else if (error.level === "client-authentication") {
                reject(new SshDialError(`authentication refused for user "${e.user ?? "root"}" (check privateKey, password or agentSocketPath)`, true));
            } else {
                reject(new SshDialError(error.message, false));
            }
        });
        // Every key is looked at: a pinned one must match; an unpinned one is recorded (trust on first use).
        const hostVerifier = (key: Buffer) => {
            seen = key;
            if (!pinned || key.equals(pinned.blob)) {
                return true;
            }
            presented = fingerprint(key);
            return false;
        };
        try {
            client.connect({ ...options, ...(sock ? { sock } : {}), hostVerifier });
        } catch (error) {
            // ssh2 throws at once on a key it cannot parse (or a wrong passphrase): final, and the
            // message names the problem, never the key.
            reject(new SshDialError((error as Error).message, true));
        }
    });
}

function forwardThrough(bastion: Client, e: Endpoint): Promise<Duplex> {
    return new Promise((resolve, reject) => {
        bastion.forwardOut("127.0.0.1", 0, e.host, e.port ?? 22, (error, stream) =>
            error ? reject(new SshDialError(`the bastion could not open a channel: ${error.message}`, false)) : resolve(stream),
        );
    });
}
