// The remote command runner's protocol, run here with the machine's own sh (dash) and bash: the
// same script a remote machine runs, fed the same requests, read back by the same reader.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { SAFE_PATH } from "../../provider/host/limits";
import { encodeRequest, ReplyReader, RUNNER_GREETING, RUNNER_SCRIPT, type RunnerReply } from "../../provider/host/ssh/runner-protocol";

/** A runner in a local shell, with a promise per request answered in order. */
function localRunner(shell: string, noise = "", env: Record<string, string> = {}) {
    const script = noise ? `printf '${noise}'; ${RUNNER_SCRIPT}` : RUNNER_SCRIPT;
    const child: ChildProcessWithoutNullStreams = spawn(shell, ["-c", script, "runner"], { env: { PATH: SAFE_PATH, LC_ALL: "C", ...env } });
    const reader = new ReplyReader();
    const waiting: ((reply: RunnerReply) => void)[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
        reader.push(chunk);
        for (let reply = reader.ready() ? reader.next() : undefined; reply; reply = reader.next()) {
            waiting.shift()?.(reply);
        }
    });
    return {
        child,
        run(argv: string[], input?: string): Promise<RunnerReply> {
            const request = encodeRequest(argv, input);
            if (!request) {
                throw new Error("not encodable");
            }
            return new Promise((resolve) => {
                waiting.push(resolve);
                child.stdin.write(request);
            });
        },
        stop: () => new Promise<unknown>((resolve) => child.once("exit", resolve).stdin.end()),
    };
}

describe.each(["sh", "bash"])("the runner in %s", (shell) => {
    let runner: ReturnType<typeof localRunner>;
    beforeAll(() => {
        runner = localRunner(shell);
    });
    afterAll(() => runner.stop());

    test("words reach the program verbatim, never read as shell syntax", async () => {
        const hostile = ["$(touch /tmp/pwned-runner)", "`id`", "; rm -rf /", "a'b", "'", '"', "\\", "\\n", "*", "-n", "", " spaced ", "$HOME", "ünï", "\r"];
        expect((await runner.run(["printf", "%s\\0", ...hostile])).stdout.split("\0").slice(0, -1)).toEqual(hostile);
        await fc.assert(
            fc.asyncProperty(
                fc.array(
                    fc.string({ unit: "binary" }).filter((s) => !/[\n\0]/.test(s)),
                    { minLength: 1, maxLength: 5 },
                ),
                async (words) => {
                    expect((await runner.run(["printf", "%s\\0", ...words])).stdout.split("\0").slice(0, -1)).toEqual(words);
                },
            ),
            { numRuns: 100 },
        );
    });

    test("exit code, stdout and stderr come back apart and whole", async () => {
        expect(await runner.run(["sh", "-c", "printf 'out\\n\\n'; printf err >&2; exit 3"])).toEqual({ exitCode: 3, stdout: "out\n\n", stderr: "err" });
        expect((await runner.run(["head", "-c", "300000", "/dev/zero"])).stdout).toHaveLength(300000);
        expect(await runner.run(["true"])).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    });

    test("standard input is the given text, or end of file at once", async () => {
        const input = "*filter\n-A FORWARD -j ACCEPT\nCOMMIT\n\u00e9\u0000\n".repeat(200);
        expect((await runner.run(["cat"], input)).stdout).toBe(input);
        expect((await runner.run(["cat"])).stdout).toBe("");
    });

    test("a builtin's name runs the program, and a missing program exits 127", async () => {
        expect((await runner.run(["echo", "--version"])).stdout).toMatch(/coreutils/);
        expect((await runner.run(["cd", "/"])).exitCode).toBe(127);
        expect((await runner.run(["no-such-program"])).exitCode).toBe(127);
        expect((await runner.run(["pwd"])).exitCode).toBe(0); // the runner still runs
    });
});

test("what a login script prints before the runner greets is skipped", async () => {
    const runner = localRunner("sh", `Welcome!\\n${RUNNER_GREETING}x\\n`);
    expect(await runner.run(["echo", "hi"])).toEqual({ exitCode: 0, stdout: "hi\n", stderr: "" });
    await runner.stop();
});

test("the runner keeps outputs in a private, named temporary directory, gone when it ends", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "runner-tmp-"));
    const runner = localRunner("sh", "", { TMPDIR: tmp });
    await runner.run(["true"]);
    const [dir, ...others] = await readdir(tmp);
    expect(others).toEqual([]);
    expect(dir).toMatch(/^pulumi-netns-runner\.\w{8}$/);
    expect((await stat(join(tmp, dir))).mode & 0o777).toBe(0o700);
    await runner.stop();
    expect(await readdir(tmp)).toEqual([]);
    await rm(tmp, { recursive: true });
});

/** The pid a command wrote to `file`, once it has (a loaded machine can take a while to start it). */
async function pidIn(file: string): Promise<number> {
    for (let i = 0; i < 100; i++) {
        const text = await readFile(file, "utf8").catch(() => "");
        if (text.endsWith("\n")) {
            return Number(text);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no pid in ${file}`);
}

/** Dead: no such process, or a zombie its new parent has not reaped yet. */
const gone = (pid: number) => {
    try {
        return / Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\)/, ""));
    } catch {
        return true;
    }
};

/** Whether `pid` dies within a second (a KILLed process is gone once the kernel has torn it down). */
async function dies(pid: number): Promise<boolean> {
    for (let i = 0; i < 40 && !gone(pid); i++) {
        await new Promise((r) => setTimeout(r, 25));
    }
    return gone(pid);
}

test("a TERM stops the runner and the command it runs", async () => {
    const runner = localRunner("sh");
    const dir = await mkdtemp(join(tmpdir(), "runner-"));
    void runner.run(["sh", "-c", `echo $$ >${dir}/pid; exec sleep 30`]);
    const command = await pidIn(join(dir, "pid"));
    const exited = new Promise<number | null>((resolve) => runner.child.once("exit", resolve));
    const started = Date.now();
    runner.child.kill("SIGTERM");
    expect(await exited).toBe(129);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await dies(command)).toBe(true);
    await rm(dir, { recursive: true });
});

describe.each(["sh", "bash"])("a command's own process in %s", (shell) => {
    test("the runner's input (fd 3) is closed for the command: nothing it leaves behind can read the next request", async () => {
        const runner = localRunner(shell);
        expect((await runner.run(["readlink", "/proc/self/fd/3"])).exitCode).not.toBe(0);
        await runner.run(["sh", "-c", "exec 2>/dev/null; cat <&3 >/dev/null &"]);
        expect(await runner.run(["echo", "next"])).toEqual({ exitCode: 0, stdout: "next\n", stderr: "" });
        await runner.stop();
    });

    test("what a command leaves running goes when it ends: it cannot write into the next reply", async () => {
        const runner = localRunner(shell);
        await runner.run(["sh", "-c", "(sleep 0.3; echo a-longer-late-line) &"]);
        expect(await runner.run(["sh", "-c", "sleep 0.6; echo mine"])).toEqual({ exitCode: 0, stdout: "mine\n", stderr: "" });
        await runner.stop();
    });

    test("the end of input (a deadline) kills the command and its children: its whole process group", async () => {
        const runner = localRunner(shell);
        const dir = await mkdtemp(join(tmpdir(), "runner-"));
        void runner.run(["sh", "-c", `sleep 31 & echo $! >${dir}/child; sleep 32`]);
        const child = await pidIn(join(dir, "child"));
        await runner.stop();
        expect(await dies(child)).toBe(true);
        await rm(dir, { recursive: true });
    });
});

test("an argument with a newline or NUL cannot travel as one line", () => {
    expect(encodeRequest(["printf", "a\nb"])).toBeUndefined();
    expect(encodeRequest(["printf", "a\0b"])).toBeUndefined();
    expect(encodeRequest([])).toBeUndefined();
    expect(encodeRequest(["ip", "-batch", "-"], "link show\n")?.toString()).toBe("3\nip\n-batch\n-\nbGluayBzaG93Cg==\n");
});

test("the reader takes replies split anywhere, and refuses a garbled header", () => {
    const stream = Buffer.from(`motd\n${RUNNER_GREETING}\n0\n3 /t/o\n2 /t/e\n5 total\nabcde1\n      0 /t/o\n0 /t/e\n0 total\n`);
    const reader = new ReplyReader();
    const replies: RunnerReply[] = [];
    for (const byte of stream) {
        reader.push(Buffer.from([byte]));
        for (let reply = reader.ready() ? reader.next() : undefined; reply; reply = reader.next()) {
            replies.push(reply);
        }
    }
    expect(replies).toEqual([
        { exitCode: 0, stdout: "abc", stderr: "de" },
        { exitCode: 1, stdout: "", stderr: "" },
    ]);
    const garbled = new ReplyReader();
    garbled.push(Buffer.from(`${RUNNER_GREETING}\nsh: oops\n\n\n\n`));
    expect(garbled.ready()).toBe(true);
    expect(() => garbled.next()).toThrow(/unexpected reply from the command runner/);
});
