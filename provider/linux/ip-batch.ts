// Several `ip` (or `bridge`) commands run by one process (`ip -batch -`): one fork instead of several, and a fork
// is most of what a command costs the provider. Each command is still an argv array built by
// ip-argv; this only joins them into the lines `ip -batch` reads, and refuses any word its line
// parser would split or interpret (whitespace, quotes, backslashes, comments), so a word stays one.
import { inputLine } from "./input-line";

export interface IpBatch {
    /** `ip [-n NS] [flags] -batch -`: the commands come on standard input. */
    argv: string[];
    input: string;
    /** The commands as argv arrays, to name the one that failed. */
    commands: readonly (readonly string[])[];
}

/** Options `ip` takes before the object; in a batch they hold for every line. */
const GLOBAL_FLAGS = new Set(["-j", "-d", "-4", "-6"]);

/** The iproute2 tools that read commands with `-batch -`. */
const BATCH_TOOLS = new Set(["ip", "bridge"]);

function split(command: readonly string[]): { namespace?: string; flags: string[]; words: readonly string[] } {
    if (!BATCH_TOOLS.has(command[0])) {
        throw new Error(`not an ip command: ${command.join(" ")}`);
    }
    let namespace: string | undefined;
    const flags: string[] = [];
    let i = 1;
    for (; i < command.length; i++) {
        if (command[i] === "-n") {
            namespace = command[++i];
        } else if (GLOBAL_FLAGS.has(command[i])) {
            flags.push(command[i]);
        } else {
            break;
        }
    }
    return { namespace, flags, words: command.slice(i) };
}

/**
 * One batch of `commands`, which must all run in the same namespace and agree on the address
 * family. `-j` and `-d` only change what listings print, so they join the batch's flags.
 */
export function ipBatch(commands: readonly (readonly string[])[]): IpBatch {
    const tools = new Set(commands.map((c) => c[0]));
    if (tools.size !== 1) {
        throw new Error(`one batch runs one tool, not ${[...tools].join(" and ")}`);
    }
    const parts = commands.map(split);
    const namespaces = new Set(parts.map((p) => p.namespace));
    if (namespaces.size !== 1) {
        throw new Error(`one ip batch runs in one namespace, not ${[...namespaces].map((n) => n ?? "the host's").join(" and ")}`);
    }
    const flags = [...new Set(parts.flatMap((p) => p.flags))].sort();
    if (flags.includes("-4") && flags.includes("-6")) {
        throw new Error("one ip batch takes one address family");
    }
    const lines = parts.map(({ words }) => inputLine(`${commands[0][0]} -batch`, words));
    const [namespace] = namespaces;
    return {
        argv: [commands[0][0], ...(namespace ? ["-n", namespace] : []), ...flags, "-batch", "-"],
        input: `${lines.join("\n")}\n`,
        commands,
    };
}

/**
 * The command a failed batch stopped at and its own error text, so a failure reads and classifies
 * as it would have run alone. `ip` names the line ("Command failed -:N") when the kernel refused
 * it; when it refused an argument itself it exits at once, and the quoted argument tells the line.
 */
export function failedCommand(batch: IpBatch, stderr: string): { argv: readonly string[]; stderr: string } {
    const line = /^Command failed -:(\d+)$/m.exec(stderr);
    const quoted = [...stderr.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const argv = line ? batch.commands[Number(line[1]) - 1] : batch.commands.find((command) => quoted.some((word) => command.includes(word)));
    return { argv: argv ?? batch.argv, stderr: stderr.replace(/^Command failed -:\d+\n?/m, "") };
}
