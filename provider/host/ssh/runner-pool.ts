// The command runners of one machine. A new runner costs a channel and a login shell (tens of
// milliseconds, more with a heavy ~/.bashrc or a busy machine) while most commands take a few, so
// a command first waits for a busy runner, and a runner is added only when a command has waited
// as long as the last runner took to start (at least `growAfterMs`): only then can it pay off.

/** What the pool needs of a runner: whether it can take a command now. */
export interface PooledRunner {
    /** Open and not running a command. */
    readonly idle: boolean;
    /** Open (running a command or not). */
    readonly open: boolean;
}

interface Waiter<R> {
    resolve(runner: R | undefined): void;
    reject(error: unknown): void;
}

export class RunnerPool<R extends PooledRunner> {
    private readonly runners = new Set<R>();
    private idle: R[] = [];
    private readonly waiting: Waiter<R>[] = [];
    private starting = 0;
    private refused = false;
    private growTimer: NodeJS.Timeout | undefined;
    /** How long the last runner took to start, in milliseconds. */
    private lastStartMs = 0;

    /**
     * @param start opens a runner; resolves undefined when the machine refuses one, and from then
     *   on every `acquire` resolves undefined (the caller runs the command another way).
     */
    constructor(
        private readonly start: () => Promise<R | undefined>,
        private readonly max: number,
        private readonly growAfterMs: number,
    ) {}

    /** A runner for one command, to `release` after it; undefined if the machine refused runners. */
    acquire(): Promise<R | undefined> {
        this.forgetClosed();
        const free = this.idle.pop();
        if (free || this.refused) {
            return Promise.resolve(free);
        }
        return new Promise((resolve, reject) => {
            this.waiting.push({ resolve, reject });
            if (this.runners.size + this.starting === 0) {
                this.grow(); // nothing to wait for
            } else {
                this.armGrowth();
            }
        });
    }

    /** Gives a runner back after its command: to the next waiting command, or to the idle ones. */
    release(runner: R): void {
        if (!runner.idle) {
            this.runners.delete(runner);
            if (this.waiting.length > 0 && this.runners.size + this.starting === 0) {
                this.grow();
            }
            return;
        }
        const next = this.waiting.shift();
        if (next) {
            next.resolve(runner);
        } else {
            this.idle.push(runner);
        }
    }

    /** Every runner, idle or not (to close them). */
    all(): R[] {
        return [...this.runners];
    }

    /** Forgets every runner (after closing them, or when their connection is gone). */
    clear(): void {
        this.runners.clear();
        this.idle = [];
    }

    private grow(): void {
        if (this.runners.size + this.starting >= this.max) {
            return; // a busy runner's release will serve the waiting command
        }
        this.starting++;
        const started = performance.now();
        this.start().then(
            (runner) => {
                this.starting--;
                this.lastStartMs = performance.now() - started;
                if (!runner) {
                    this.refused = true;
                    for (const w of this.waiting.splice(0)) {
                        w.resolve(undefined);
                    }
                    return;
                }
                this.runners.add(runner);
                this.release(runner);
                this.armGrowth(); // commands still waiting: the next runner comes after another wait
            },
            (error: unknown) => {
                this.starting--;
                this.waiting.shift()?.reject(error); // the command that asked for this runner fails with why
                if (this.waiting.length > 0 && this.runners.size + this.starting === 0) {
                    this.grow();
                }
            },
        );
    }

    /**
     * Adds a runner if commands are still waiting after the wait that pays for one. Only while a
     * runner is busy: a runner being started serves the waiting commands as soon as it is up.
     */
    private armGrowth(): void {
        if (this.growTimer || this.waiting.length === 0 || this.runners.size === 0) {
            return;
        }
        this.growTimer = setTimeout(
            () => {
                this.growTimer = undefined;
                if (this.waiting.length > 0) {
                    this.grow();
                }
            },
            Math.max(this.growAfterMs, this.lastStartMs),
        );
        this.growTimer.unref(); // a pending growth never keeps the process alive
    }

    private forgetClosed(): void {
        for (const runner of this.runners) {
            if (!runner.open) {
                this.runners.delete(runner);
            }
        }
        this.idle = this.idle.filter((r) => r.open);
    }
}
