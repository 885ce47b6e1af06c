// Host for this machine: every process starts through execa with an argv array, never a shell.
import type { Host, RunResult } from "./host";
import { loadExeca } from "./load-execa";

export class LocalHost implements Host {
    readonly description = "this machine";

    /** @param prefix argv prepended to every command, e.g. `nsenter -t PID -n -m --` in tests. */
    constructor(private readonly prefix: readonly string[] = []) {}

    async run(argv: readonly string[]): Promise<RunResult> {
        const { execa } = await loadExeca();
        const full = [...this.prefix, ...argv];
        const result = await execa(full[0], full.slice(1), {
            reject: false,
            shell: false,
            stdin: "ignore",
            env: { LC_ALL: "C" },
        });
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
