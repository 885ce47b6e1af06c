// The process seam: the one way provider code runs a program, on this machine or (later) over SSH.

/** What a finished process left behind. A non-zero exit is a result, not an exception. */
export interface RunResult {
    readonly argv: readonly string[];
    readonly exitCode: number;
    readonly stdout: string;
    readonly stderr: string;
    /** The remote machine it ran on, for messages; absent for this machine. */
    readonly where?: string;
}

export interface RunOptions {
    /** The program's standard input (e.g. a file's content for `tee`); absent: end of file at once. */
    input?: string;
}

export interface Host {
    /** Names the machine in error messages, e.g. "this machine" or "root@10.0.0.5:22". */
    readonly description: string;
    /**
     * Runs `argv` without any shell. Resolves for every exit code; rejects only when the program
     * could not be started at all (missing binary, lost connection).
     */
    run(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
    /** For a remote machine: the host key its server presented ("ssh-ed25519 AAAA..."), once connected. */
    presentedHostKey?(): Promise<string | undefined>;
    /** For a remote machine reached through a bastion (`proxy`): the host key the bastion presented. */
    presentedProxyHostKey?(): Promise<string | undefined>;
}

/** A Host factory: resources ask it for the Host of their `connection` (absent = this machine). */
export type HostResolver = (connection: unknown) => Host;
