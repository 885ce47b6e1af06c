// The one error class for a command that failed: it carries the command, exit code and stderr.
import type { RunResult } from "./host";
import { printable } from "./limits";

export class CommandError extends Error {
    readonly result: RunResult;

    constructor(result: RunResult, context?: string) {
        const detail = printable(result.stderr.trim() || result.stdout.trim()) || "(no output)";
        const prefix = context ? `${context}: ` : "";
        const where = result.where ? ` on ${result.where}` : "";
        super(`${prefix}running "${formatArgv(result.argv)}"${where}: exit ${result.exitCode}: ${detail}`);
        this.name = "CommandError";
        this.result = result;
    }
}

/** Renders argv for humans; quotes only what needs it. Never executed. */
export function formatArgv(argv: readonly string[]): string {
    return argv.map((a) => (/^[A-Za-z0-9_.,:/=@%+-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}

/** Throws a CommandError unless the command exited 0. */
export function ensureSuccess(result: RunResult, context?: string): RunResult {
    if (result.exitCode !== 0) {
        throw new CommandError(result, context);
    }
    return result;
}
