// A Host that fails chosen commands the way the kernel would, to prove that creates undo themselves.
import type { Host, RunOptions, RunResult } from "../../provider/host/host";

const INJECTED = "RTNETLINK answers: Operation not permitted (injected)";

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
        if (argv.includes("-batch")) {
            return this.runBatch(argv, options?.input ?? "");
        }
        if (argv[0].endsWith("tables-restore")) {
            // One transaction: a failing line fails it all, and nothing is applied.
            const lines = (options?.input ?? "").split("\n").filter(Boolean);
            const failing = lines.findIndex((line) => this.shouldFail([...argv, ...line.split(" ")]));
            if (failing >= 0) {
                return { argv, exitCode: 2, stdout: "", stderr: `${argv[0]}: line ${failing + 1} failed: ${INJECTED}` };
            }
        }
        if (this.shouldFail(argv)) {
            return { argv, exitCode: 2, stdout: "", stderr: INJECTED };
        }
        return this.inner.run(argv, options);
    }

    /** `ip ... -batch -` as ip runs it: the lines before the failing one run, then it stops. */
    private async runBatch(argv: readonly string[], input: string): Promise<RunResult> {
        const global = argv.slice(0, argv.indexOf("-batch"));
        const lines = input.split("\n").filter(Boolean);
        const failing = lines.findIndex((line) => this.shouldFail([...global, ...line.split(" ")]));
        if (failing < 0) {
            return this.inner.run(argv, { input });
        }
        if (failing > 0) {
            await this.inner.run(argv, { input: `${lines.slice(0, failing).join("\n")}\n` });
        }
        return { argv, exitCode: 2, stdout: "", stderr: `${INJECTED}\nCommand failed -:${failing + 1}\n` };
    }
}

/** Matches a command by a run of consecutive words, e.g. ["link", "set", "dev", "br0", "up"]. */
export function argvContains(argv: readonly string[], words: readonly string[]): boolean {
    return argv.some((_, i) => words.every((w, j) => argv[i + j] === w));
}
