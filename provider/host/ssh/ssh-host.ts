// Host over SSH: one connection per machine per provider process, shared by every resource,
// opened on first use and reopened if it drops. Commands go to runners kept open on its channels
// (one login shell per runner, not per command); a machine that refuses runners gets a channel
// per command.
import type { Client } from "ssh2";
import type { Connection } from "../../schemas/connection";
import { formatArgv } from "../command-error";
import type { Host, RunOptions, RunResult } from "../host";
import { commandTimeoutMs, deadlineError, OUTPUT_LIMIT_BYTES, outputLimitError } from "../limits";
import { trace } from "../trace";
import { ChannelLimit } from "./channel-limit";
import { bastionKeyOf, dial, type OpenSocket, presentedKeyOf, SshDialError } from "./dial";
import { describeEndpoint } from "./dial-plan";
import { remoteCommand } from "./remote-command";
import { RemoteRunner } from "./remote-runner";
import { RunnerPool } from "./runner-pool";
import { encodeRequest } from "./runner-protocol";

/** Commands in flight per machine: OpenSSH serves at most 10 sessions per connection (MaxSessions). */
const CHANNELS = 8;
/** The shortest wait for a busy runner before another runner is started (longer: as long as a start took). */
const GROW_AFTER_MS = 20;

export class SshHost implements Host {
    readonly description: string;
    private client: Promise<Client> | undefined;
    private readonly channels = new ChannelLimit(CHANNELS);
    /** Never more runners than commands in flight; a machine that refuses them gets a channel per command. */
    private readonly runners = new RunnerPool(() => this.startRunner(), CHANNELS, GROW_AFTER_MS);

    constructor(
        private readonly connection: Connection,
        private readonly openSocket?: OpenSocket,
    ) {
        this.description = describeEndpoint(connection) + (connection.sudo ? " (sudo)" : "");
    }

    run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
        return this.channels.run(async () => {
            const request = encodeRequest(argv, options.input);
            const runner = request && (await this.runners.acquire());
            if (!request || !runner) {
                return this.exec(await this.connect(), argv, options);
            }
            try {
                return await runner.run(argv, request, commandTimeoutMs());
            } finally {
                this.runners.release(runner);
            }
        });
    }

    private async startRunner(): Promise<RemoteRunner | undefined> {
        const client = await this.connect();
        const at = Date.now();
        const start = performance.now();
        const runner = await RemoteRunner.start(client, this.description, { sudo: this.connection.sudo, timeoutMs: commandTimeoutMs() });
        trace({ event: "runner", where: this.description, ms: Math.round(performance.now() - start), at });
        return runner;
    }

    async presentedHostKey(): Promise<string | undefined> {
        return presentedKeyOf(await this.connect());
    }

    async presentedProxyHostKey(): Promise<string | undefined> {
        return bastionKeyOf(await this.connect());
    }

    /** Closes the connection (tests; the provider process simply exits). */
    async close(): Promise<void> {
        const client = await this.client?.catch(() => undefined);
        this.client = undefined;
        for (const runner of this.runners.all()) {
            runner.close();
        }
        this.runners.clear();
        client?.end();
    }

    private connect(): Promise<Client> {
        if (!this.client) {
            const at = Date.now();
            const start = performance.now();
            const pending = dial(this.connection, this.openSocket);
            this.client = pending;
            pending.then(
                () => trace({ event: "dial", where: this.description, ms: Math.round(performance.now() - start), at }),
                () => undefined,
            );
            pending.then(
                (client) => {
                    const forget = () => {
                        if (this.client === pending) {
                            this.client = undefined;
                        }
                    };
                    client.once("close", forget);
                    client.on("error", forget);
                },
                (error: unknown) => {
                    // A final refusal stays: every other resource on this machine fails at once with it.
                    if (!(error instanceof SshDialError && error.final) && this.client === pending) {
                        this.client = undefined;
                    }
                },
            );
        }
        return this.client;
    }

    private exec(client: Client, argv: readonly string[], options: RunOptions): Promise<RunResult> {
        const command = remoteCommand(argv, { sudo: this.connection.sudo });
        const timeout = commandTimeoutMs();
        return new Promise((resolve, reject) => {
            client.exec(command, (error, stream) => {
                if (error) {
                    reject(new Error(`cannot run "${argv[0]}" on ${this.description}: ${error.message}`));
                    return;
                }
                const stdout: Buffer[] = [];
                const stderr: Buffer[] = [];
                let size = 0;
                let settled = false;
                /**
                 * Fails the command at once and closes its channel. No signal: ssh2 sends none once
                 * stdin has ended (it has, below), and OpenSSH refuses them for root logins; the
                 * runner path is the one that kills a hung command.
                 */
                const stop = (err: Error) => {
                    if (!settled) {
                        settled = true;
                        clearTimeout(timer);
                        reject(err);
                    }
                    stream.close();
                };
                const timer = setTimeout(() => stop(deadlineError(formatArgv(argv), this.description, timeout)), timeout);
                const keep = (into: Buffer[]) => (chunk: Buffer) => {
                    size += chunk.length;
                    if (size > 2 * OUTPUT_LIMIT_BYTES) {
                        stop(outputLimitError(formatArgv(argv), this.description));
                        return;
                    }
                    into.push(chunk);
                };
                stream.on("data", keep(stdout));
                stream.stderr.on("data", keep(stderr));
                stream.end(options.input); // without input a program reading stdin sees end of file, not a hang
                stream.on("close", (code?: number | null, signal?: string) => {
                    clearTimeout(timer);
                    if (settled) {
                        return;
                    }
                    settled = true;
                    if (typeof code !== "number") {
                        reject(new Error(`lost ${this.description} while running "${argv[0]}"${signal ? ` (killed by ${signal})` : ""}`));
                        return;
                    }
                    resolve({
                        argv,
                        exitCode: code,
                        where: this.description,
                        stdout: Buffer.concat(stdout).toString(),
                        stderr: Buffer.concat(stderr).toString(),
                    });
                });
            });
        });
    }
}
