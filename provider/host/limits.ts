// Bounds on every command a provider runs, local or remote: a deadline and an output cap, so a
// hung or runaway command fails its resource instead of hanging `pulumi up`.

/** The PATH every command runs with, here and on remote hosts: never the caller's (a stray `ip` in node_modules/.bin). */
export const SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** A command's deadline: 60 s, or PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS. After it the command is killed. */
export const commandTimeoutMs = (): number => 1000 * Number(process.env.PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS ?? 60);

/** Most output kept of one stream of one command; more fails the command (no kernel listing comes close). */
export const OUTPUT_LIMIT_BYTES = 32 * 1024 * 1024;

/** Longest command output quoted in an error message. */
const MESSAGE_LIMIT = 2000;

/**
 * Output made safe to put in a message: terminal escape sequences and control characters removed
 * (a remote machine's stderr must not drive the user's terminal), and cut to a readable length.
 */
export function printable(text: string): string {
    const clean = text
        .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, "") // CSI sequences (colours, cursor moves)
        .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, "") // OSC sequences (window titles, links)
        .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, "");
    return clean.length > MESSAGE_LIMIT ? `${clean.slice(0, MESSAGE_LIMIT)}... (${clean.length - MESSAGE_LIMIT} more characters)` : clean;
}

/**
 * One value read from a machine (a process or interface name, an address, a rule), made safe for a
 * one-line message: printable() with line breaks and tabs shown as `\n`, `\r`, `\t`, so a name
 * cannot start a line of its own. Every such value goes through it before it reaches a message.
 */
export function printableLine(text: string): string {
    return printable(text.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t"));
}

/** The error for a command whose output passed OUTPUT_LIMIT_BYTES. */
export function outputLimitError(command: string, where: string): Error {
    return new Error(`running "${command}" on ${where}: more than ${OUTPUT_LIMIT_BYTES} bytes of output, so it was stopped`);
}

/** The error for a command that outlived its deadline. */
export function deadlineError(command: string, where: string, ms: number): Error {
    return new Error(
        `running "${command}" on ${where}: no result after ${ms / 1000} s, so it was stopped (PULUMI_NETNS_COMMAND_TIMEOUT_SECONDS sets the deadline)`,
    );
}
