// A command runner kept open on a remote machine: one SSH channel and one login shell serve many
// commands. Every exec channel starts the login user's shell, and bash run by sshd reads ~/.bashrc
// first (pyenv, conda or nvm set-ups there cost 50-100 ms a command); the runner pays that once.
//
// The runner is a fixed POSIX sh program. User values never become shell text: each argument is a
// line the runner reads into "$@", standard input travels as base64, and the command runs by
// `exec` (never a shell builtin or function of the same name).

/** The line the runner prints once it is ready; anything a login script printed before it is skipped. */
export const RUNNER_GREETING = "pulumi-netns-runner 1";

/**
 * Request: `<argc>\n`, one line per argument, then the standard input as one base64 line (empty:
 * none). Reply: `<exit code>\n`, `wc -c` of the command's stdout and stderr (three lines: out, err,
 * total), then both outputs, whole. While a command runs, a watcher reads the runner's input:
 * anything there (the client's end of input at a deadline, or the channel lost) kills the command.
 * A signal cannot do it: OpenSSH refuses "signal" requests in sessions of a root login.
 *
 * The command runs in a session and process group of its own (`setsid`, where the machine has
 * it), so the kill takes its children too, and so does its end (a child left running could write
 * into the next reply); it does not inherit the runner's input (fd 3), so nothing it leaves
 * behind can read the next request.
 */
export const RUNNER_SCRIPT = [
    `d=$(mktemp -d "\${TMPDIR:-/tmp}/pulumi-netns-runner.XXXXXXXX") || exit 1`, // named: an admin can tell whose it is
    "p=",
    "s=; if command -v setsid >/dev/null 2>&1; then s=setsid; fi", // a fixed word or nothing: never user text
    "exec 3<&0", // the requests, for the watcher (a background job's own stdin is /dev/null)
    `trap 'rm -rf "$d"' EXIT`,
    `trap '[ -n "$p" ] && { kill -KILL -"$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null; }; exit 129' HUP INT TERM PIPE`,
    `echo '${RUNNER_GREETING}'`,
    "while IFS= read -r n; do",
    "  set --",
    `  while [ "$n" -gt 0 ]; do IFS= read -r a || exit 1; set -- "$@" "$a"; n=$((n - 1)); done`,
    "  IFS= read -r b || exit 1",
    `  if [ -n "$b" ]; then printf '%s\\n' "$b" | base64 -d >"$d/i" || exit 1; else : >"$d/i"; fi`,
    `  (exec $s "$@") <"$d/i" >"$d/o" 2>"$d/e" 3<&- & p=$!`,
    `  { IFS= read -r _ <&3; kill -KILL -"$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null; } & w=$!`,
    `  wait "$p"; r=$?; if [ -n "$s" ]; then kill -KILL -"$p" 2>/dev/null; fi; p=`, // what it left behind goes with it: nothing writes into the next reply
    `  kill -KILL "$w" 2>/dev/null; wait "$w" 2>/dev/null`, // KILL: a TERM can land before the watcher drops the trap it was forked with
    `  echo "$r"`,
    `  wc -c "$d/o" "$d/e"`,
    `  cat "$d/o" "$d/e"`,
    "done",
].join("\n");

/**
 * The request for `argv`, or undefined when an argument cannot travel as one line (a newline or a
 * NUL in it): such a command takes a channel of its own.
 */
export function encodeRequest(argv: readonly string[], input?: string): Buffer | undefined {
    if (argv.length === 0 || argv.some((a) => /[\n\0]/.test(a))) {
        return undefined;
    }
    const stdin = input === undefined || input === "" ? "" : Buffer.from(input).toString("base64");
    return Buffer.from(`${argv.length}\n${argv.map((a) => `${a}\n`).join("")}${stdin}\n`);
}

export interface RunnerReply {
    exitCode: number;
    stdout: string;
    stderr: string;
}

/** The lengths a reply's header announces, as soon as the header is complete. */
export interface ReplyHeader {
    exitCode: number;
    stdoutBytes: number;
    stderrBytes: number;
}

/** Reads the runner's output stream: the greeting, then one reply per request, in order. */
export class ReplyReader {
    private buffer: Buffer = Buffer.alloc(0);
    private greeted = false;
    private header: ReplyHeader | undefined;

    push(chunk: Buffer): void {
        this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    }

    /** True once the greeting has been read (consumes what a login script printed before it). */
    ready(): boolean {
        while (!this.greeted) {
            const line = this.line();
            if (line === undefined) {
                return false;
            }
            this.greeted = line === RUNNER_GREETING;
        }
        return true;
    }

    /** The next reply's header, once its four lines have arrived. Throws on anything else. */
    nextHeader(): ReplyHeader | undefined {
        if (this.header) {
            return this.header;
        }
        const end = nthNewline(this.buffer, 4);
        if (end < 0) {
            return undefined;
        }
        const lines = this.buffer.subarray(0, end).toString().split("\n");
        this.buffer = this.buffer.subarray(end + 1);
        const [exitCode, stdoutBytes, stderrBytes] = [/^(\d+)$/, /^\s*(\d+)\s/, /^\s*(\d+)\s/].map((pattern, i) => {
            const match = pattern.exec(lines[i]);
            if (!match) {
                throw new Error(`unexpected reply from the command runner: ${JSON.stringify(lines.join("\n")).slice(0, 200)}`);
            }
            return Number(match[1]);
        });
        this.header = { exitCode, stdoutBytes, stderrBytes };
        return this.header;
    }

    /** The next whole reply, or undefined until all of it has arrived. */
    next(): RunnerReply | undefined {
        const header = this.nextHeader();
        if (!header || this.buffer.length < header.stdoutBytes + header.stderrBytes) {
            return undefined;
        }
        const stdout = this.buffer.subarray(0, header.stdoutBytes).toString();
        const stderr = this.buffer.subarray(header.stdoutBytes, header.stdoutBytes + header.stderrBytes).toString();
        this.buffer = this.buffer.subarray(header.stdoutBytes + header.stderrBytes);
        this.header = undefined;
        return { exitCode: header.exitCode, stdout, stderr };
    }

    private line(): string | undefined {
        const end = this.buffer.indexOf(10);
        if (end < 0) {
            return undefined;
        }
        const line = this.buffer.subarray(0, end).toString();
        this.buffer = this.buffer.subarray(end + 1);
        return line;
    }
}

/** Offset of the n-th newline in `buffer`, or -1. */
function nthNewline(buffer: Buffer, n: number): number {
    let at = -1;
    for (let i = 0; i < n; i++) {
        at = buffer.indexOf(10, at + 1);
        if (at < 0) {
            return -1;
        }
    }
    return at;
}
