// What one SSH dial asks for, decided without touching the network: the ssh2 options of an
// endpoint, its name in messages, and how long to wait between attempts.
import type { ConnectConfig } from "ssh2";
import type { Connection } from "../../schemas/connection";
import { hostKeyAlgorithms, type PinnedKey, parseHostKey } from "./host-key";

export type Endpoint = Omit<Connection, "proxy" | "sudo">;

/** As `@pulumi/command`: 10 attempts of 15 seconds each, unless the connection says otherwise. */
export const DEFAULT_DIAL_ERROR_LIMIT = 10;
export const DEFAULT_PER_DIAL_TIMEOUT_SECONDS = 15;

export { describeEndpoint } from "../../../shared/machine";

/** The number of attempts; `dialErrorLimit: -1` means keep trying (bounded only by the caller). */
export function attemptLimit(e: Endpoint): number {
    const limit = e.dialErrorLimit ?? DEFAULT_DIAL_ERROR_LIMIT;
    return limit < 0 ? Number.POSITIVE_INFINITY : Math.max(1, limit);
}

/** Milliseconds to wait before attempt `n` (1-based): none, then 1 s doubling up to 8 s. */
export function backoffBefore(n: number): number {
    return n <= 1 ? 0 : Math.min(1000 * 2 ** (n - 2), 8000);
}

/** The ssh2 options of one endpoint; the socket and host key check are added by the dialer. */
export function connectConfig(e: Endpoint, env: NodeJS.ProcessEnv = process.env): ConnectConfig & { pinned?: PinnedKey } {
    const pinned = e.hostKey ? parseHostKey(e.hostKey) : undefined;
    const agent = e.agentSocketPath ?? (e.privateKey || e.password ? undefined : env.SSH_AUTH_SOCK);
    return {
        host: e.host,
        port: e.port ?? 22,
        username: e.user ?? "root",
        privateKey: e.privateKey,
        passphrase: e.privateKeyPassword,
        password: e.password,
        agent,
        readyTimeout: (e.perDialTimeout ?? DEFAULT_PER_DIAL_TIMEOUT_SECONDS) * 1000,
        // A machine that vanishes mid-command is noticed within ~15 s instead of hanging on TCP.
        keepaliveInterval: 5000,
        keepaliveCountMax: 3,
        ...(pinned ? { algorithms: { serverHostKey: hostKeyAlgorithms(pinned.type) as never }, pinned } : {}),
    };
}
