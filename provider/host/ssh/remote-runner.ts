// One command runner on a remote machine (see runner-protocol.ts): an SSH channel that runs the
// commands it is given one at a time, until it is closed or a command outlives its deadline.
import type { Client, ClientChannel } from "ssh2";
import { formatArgv } from "../command-error";
import type { RunResult } from "../host";
import { deadlineError, OUTPUT_LIMIT_BYTES, outputLimitError } from "../limits";
import { remoteCommand } from "./remote-command";
import { ReplyReader, RUNNER_SCRIPT, type RunnerReply } from "./runner-protocol";

interface Waiting {
    argv: readonly string[];
    onReply(reply: RunnerReply): void;
    onError(error: Error): void;
}

export class RemoteRunner {
    private readonly reader = new ReplyReader();
    private waiting: Waiting | undefined;
    private closed = false;

    private constructor(
        private readonly stream: ClientChannel,
        private readonly where: string,
    ) {}

    /**
     * Starts a runner; undefined when the machine refuses one (its shell or sudo exits before the
     * runner greets, e.g. sudo rules denying `sh -c`, or no writable temporary directory): then
     * each command takes a channel of its own.
     */
    static start(client: Client, where: string, options: { sudo?: boolean; timeoutMs: number }): Promise<RemoteRunner | undefined> {
        const command = remoteCommand(["sh", "-c", RUNNER_SCRIPT, "pulumi-netns-runner"], { sudo: options.sudo });
        return new Promise((resolve, reject) => {
            client.exec(command, (error, stream) => {
                if (error) {
                    reject(new Error(`cannot run commands on ${where}: ${error.message}`));
                    return;
                }
                const runner = new RemoteRunner(stream, where);
                let greeted = false;
                const timer = setTimeout(() => {
                    runner.close();
                    reject(deadlineError("the command runner", where, options.timeoutMs));
                }, options.timeoutMs);
                stream.stderr.resume(); // the runner's own complaints; each command's stderr comes framed on stdout
                stream.on("data", (chunk: Buffer) => {
                    runner.reader.push(chunk);
                    if (!greeted) {
                        greeted = runner.reader.ready();
                        if (!greeted) {
                            return;
                        }
                        clearTimeout(timer);
                        resolve(runner);
                    }
                    runner.deliver();
                });
                stream.on("close", (code?: number | null) => {
                    clearTimeout(timer);
                    runner.closed = true;
                    if (!greeted) {
                        if (typeof code === "number") {
                            resolve(undefined);
                        } else {
                            reject(new Error(`lost ${where} while starting commands`));
                        }
                        return;
                    }
                    runner.fail((argv) => new Error(`lost ${where} while running "${argv[0]}"`));
                });
            });
        });
    }

    /** Not closed (running a command or not). */
    get open(): boolean {
        return !this.closed;
    }

    /** Free for the next command: open, and not running one. */
    get idle(): boolean {
        return !this.closed && !this.waiting;
    }

    run(argv: readonly string[], request: Buffer, timeoutMs: number): Promise<RunResult> {
        if (!this.idle) {
            return Promise.reject(new Error("internal: the command runner is busy or closed"));
        }
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.fail(() => deadlineError(formatArgv(argv), this.where, timeoutMs));
                this.close();
            }, timeoutMs);
            this.waiting = {
                argv,
                onReply: (reply) => {
                    clearTimeout(timer);
                    resolve({ argv, where: this.where, ...reply });
                },
                onError: (error) => {
                    clearTimeout(timer);
                    reject(error);
                },
            };
            this.stream.write(request);
        });
    }

    /** Stops the runner and the command it runs: at the end of its input the runner kills the command. */
    close(): void {
        if (!this.closed) {
            this.closed = true;
            this.stream.end();
            this.stream.close();
        }
    }

    private deliver(): void {
        try {
            const header = this.reader.nextHeader();
            if (header && header.stdoutBytes + header.stderrBytes > 2 * OUTPUT_LIMIT_BYTES) {
                this.fail((argv) => outputLimitError(formatArgv(argv), this.where));
                this.close();
                return;
            }
            const reply = this.reader.next();
            if (reply) {
                const waiting = this.waiting;
                this.waiting = undefined;
                waiting?.onReply(reply);
            }
        } catch (error) {
            this.fail(() => error as Error);
            this.close();
        }
    }

    /** Fails the command waiting for a reply, if any, with the error made for its argv. */
    private fail(error: (argv: readonly string[]) => Error): void {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.onError(error(waiting.argv));
    }
}
