// Host for this machine: every process starts through execa with an argv array, never a shell,
// with a fixed PATH and locale, a deadline and bounded output.
import { formatArgv } from "./command-error";
import type { Host, RunOptions, RunResult } from "./host";
import { commandTimeoutMs, deadlineError, OUTPUT_LIMIT_BYTES, outputLimitError, SAFE_PATH } from "./limits";
import { loadExeca } from "./load-execa";

export class LocalHost implements Host {
    readonly description = "this machine";

    /** @param prefix argv prepended to every command, e.g. `nsenter -t PID -n -m --` in tests. */
    constructor(private readonly prefix: readonly string[] = []) {}

    async run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
        const { execa } = await loadExeca();
        const full = [...this.prefix, ...argv];
        const timeout = commandTimeoutMs();
        const result = await execa(full[0], full.slice(1), {
            reject: false,
            shell: false,
            ...(options.input === undefined ? { stdin: "ignore" as const } : { input: options.input }),
            // Not the caller's environment: PATH could point `ip` at anything (a node_modules/.bin under npm run).
            env: { LC_ALL: "C", PATH: SAFE_PATH },
            extendEnv: false,
            timeout,
            killSignal: "SIGKILL",
            maxBuffer: OUTPUT_LIMIT_BYTES,
        });
        if (result.timedOut) {
            throw deadlineError(formatArgv(argv), this.description, timeout);
        }
        if (result.isMaxBuffer) {
            throw outputLimitError(formatArgv(argv), this.description);
        }
        if (result.exitCode === undefined) {
            // Not started at all (e.g. ENOENT): the only case the seam reports by rejecting.
            throw new Error(`cannot run "${argv[0]}" on this machine: ${result.originalMessage ?? result.message}`);
        }
        return {
            argv,
            exitCode: result.exitCode,
            stdout: String(result.stdout),
            stderr: String(result.stderr),
        };
    }
}
