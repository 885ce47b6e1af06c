// How a machine's command runners are shared: reuse first, a new runner only after a wait, never
// more than the limit, and a refusal or a lost runner handled. Fake runners: this is scheduling.
import { type PooledRunner, RunnerPool } from "../../provider/host/ssh/runner-pool";

class FakeRunner implements PooledRunner {
    busy = false;
    open = true;
    get idle() {
        return this.open && !this.busy;
    }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pool whose runners take `startMs` to start; `results` decides each start (a runner by default). */
function pool(options: { startMs?: number; max?: number; growAfterMs?: number; results?: ("refuse" | "fail")[] } = {}) {
    const started: FakeRunner[] = [];
    const results = [...(options.results ?? [])];
    const p = new RunnerPool<FakeRunner>(
        async () => {
            await sleep(options.startMs ?? 5);
            const result = results.shift();
            if (result === "refuse") {
                return undefined;
            }
            if (result === "fail") {
                throw new Error("lost the machine while starting commands");
            }
            const runner = new FakeRunner();
            started.push(runner);
            return runner;
        },
        options.max ?? 8,
        options.growAfterMs ?? 20,
    );
    /** One command of `ms` on a pooled runner; resolves with the runner used. */
    const command = async (ms: number) => {
        const runner = await p.acquire();
        if (!runner) {
            return undefined;
        }
        expect(runner.busy).toBe(false);
        runner.busy = true;
        await sleep(ms);
        runner.busy = false;
        p.release(runner);
        return runner;
    };
    return { p, started, command };
}

test("commands one after another share one runner", async () => {
    const { started, command } = pool();
    for (let i = 0; i < 5; i++) {
        await command(1);
    }
    expect(started).toHaveLength(1);
});

test("commands at once wait for the busy runner rather than start runners for a short wait", async () => {
    const { started, command } = pool({ startMs: 30, growAfterMs: 50 });
    await Promise.all(Array.from({ length: 5 }, () => command(2)));
    expect(started).toHaveLength(1);
});

test("a command that waits longer than growAfterMs gets a runner of its own, up to the limit", async () => {
    const { started, command } = pool({ startMs: 1, growAfterMs: 10, max: 3 });
    const used = await Promise.all(Array.from({ length: 6 }, () => command(100)));
    expect(started.length).toBeGreaterThan(1);
    expect(started.length).toBeLessThanOrEqual(3);
    expect(new Set(used).size).toBe(started.length);
});

test("a machine that refuses a runner: every command, waiting or later, is told to take a channel", async () => {
    const { command } = pool({ results: ["refuse"] });
    expect(await Promise.all([command(1), command(1)])).toEqual([undefined, undefined]);
    expect(await command(1)).toBeUndefined();
});

test("a runner that closed is forgotten, and the next command starts another", async () => {
    const { started, command } = pool();
    const first = await command(1);
    first!.open = false;
    const second = await command(1);
    expect(second).not.toBe(first);
    expect(started).toHaveLength(2);
});

test("a runner lost during a command: the commands waiting for it get a new one", async () => {
    const { p, started } = pool({ growAfterMs: 1000 });
    const first = (await p.acquire())!;
    first.busy = true;
    const waiting = p.acquire();
    first.open = false; // its channel closed mid-command
    p.release(first);
    expect(await waiting).toBe(started[1]);
});

test("a failed start fails the command that asked for it; the next one tries again", async () => {
    const { command, started } = pool({ results: ["fail"] });
    await expect(command(1)).rejects.toThrow("lost the machine while starting commands");
    expect(await command(1)).toBe(started[0]);
});

test("where runners are slow to start, commands wait longer before another is started", async () => {
    const slow = pool({ startMs: 150, growAfterMs: 10 });
    await slow.command(1);
    await Promise.all(Array.from({ length: 4 }, () => slow.command(30))); // 120 ms of work in all: less than a start
    expect(slow.started).toHaveLength(1);
    const fast = pool({ startMs: 1, growAfterMs: 10 });
    await fast.command(1);
    await Promise.all(Array.from({ length: 4 }, () => fast.command(30)));
    expect(fast.started.length).toBeGreaterThan(1);
});
