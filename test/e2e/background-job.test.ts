// pulumi run from a script's background job (`pulumi up &` in a non-interactive shell, nohup, some
// service managers) starts with SIGINT ignored, and every process it starts inherits that. The
// engine stops its language host with SIGINT, then waits 5 s before killing it: a host that kept
// the inherited "ignore" made every command 5 s slower there. Timed against the foreground.
import { useSandboxedStack } from "../support/sandboxed-stack";

jest.setTimeout(300_000);

const stack = useSandboxedStack("test/programs/minimal", {
    ready: async (s) => {
        await s.project.setConfig({ kind: "Namespace" });
    },
});

/** SIGINT ignored, as in a background job of a non-interactive shell; exec keeps the disposition. */
const ignoringSigint = (argv: string[]): string[] => ["sh", "-c", 'trap "" INT; exec "$@"', "sh", ...argv];

async function seconds(run: () => Promise<{ exitCode: number; stdout: string; stderr: string }>): Promise<number> {
    const start = performance.now();
    const r = await run();
    if (r.exitCode !== 0) {
        throw new Error(`exit ${r.exitCode}:\n${r.stdout}\n${r.stderr}`);
    }
    return (performance.now() - start) / 1000;
}

test("the wrapper really starts its command with SIGINT ignored", async () => {
    const status = await stack.project.command(ignoringSigint(["grep", "^SigIgn", "/proc/self/status"]));
    const ignored = BigInt(`0x${status.stdout.split(/\s+/)[1]}`);
    expect(ignored & 2n).toBe(2n); // bit 1: SIGINT (2)
});

test("pulumi preview from a background job takes as long as in the foreground", async () => {
    const preview = ["pulumi", "preview", "--non-interactive", "--color=never"];
    // Pairs run back to back, so each compares runs under the same load (the machine is shared).
    const pairs: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
        const foreground = await seconds(() => stack.project.command(preview));
        const background = await seconds(() => stack.project.command(ignoringSigint(preview)));
        pairs.push([foreground, background]);
    }
    console.log(`pulumi preview, foreground / background job: ${pairs.map(([f, b]) => `${f.toFixed(2)} / ${b.toFixed(2)} s`).join(", ")}`);
    // A host that ignores SIGINT costs every background run the engine's 5 s wait.
    expect(Math.min(...pairs.map(([f, b]) => b - f))).toBeLessThan(2.5);
});
