// A Host that fails chosen commands the way the kernel would, to prove that creates undo themselves.
import type { Host, RunOptions, RunResult } from "../../provider/host/host";

export class FaultyHost implements Host {
    readonly description: string;
    /** Every command that ran, failed ones included. */
    readonly log: string[][] = [];

    constructor(
        private readonly inner: Host,
        private readonly shouldFail: (argv: readonly string[]) => boolean,
    ) {
        this.description = inner.description;
    }

    async run(argv: readonly string[], options?: RunOptions): Promise<RunResult> {
        this.log.push([...argv]);
        if (this.shouldFail(argv)) {
            return { argv, exitCode: 2, stdout: "", stderr: "RTNETLINK answers: Operation not permitted (injected)" };
        }
        return this.inner.run(argv, options);
    }
}

/** Matches a command by a run of consecutive words, e.g. ["link", "set", "dev", "br0", "up"]. */
export function argvContains(argv: readonly string[], words: readonly string[]): boolean {
    return argv.some((_, i) => words.every((w, j) => argv[i + j] === w));
}
