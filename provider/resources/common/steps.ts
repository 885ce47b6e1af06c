// A create is a list of steps, each with its undo: a failure undoes what was done, newest first.

export interface Step {
    /** What the step does, for error messages. */
    readonly name: string;
    run(): Promise<void>;
    /** Reverts `run`; absent when an earlier step's undo already covers it. */
    undo?(): Promise<void>;
}

/**
 * Runs steps in order. If one fails, runs the undos of the completed ones in reverse and rethrows
 * the original error (Pulumi assumes a failed create left nothing behind). An undo that fails too
 * is reported in the message, since something may then remain.
 */
export async function runTransaction(steps: readonly Step[]): Promise<void> {
    const done: Step[] = [];
    for (const step of steps) {
        try {
            await step.run();
            done.push(step);
        } catch (err) {
            const leftovers: string[] = [];
            for (const finished of done.reverse()) {
                try {
                    await finished.undo?.();
                } catch (undoErr) {
                    leftovers.push(`undo of "${finished.name}" failed too: ${(undoErr as Error).message}`);
                }
            }
            if (leftovers.length > 0 && err instanceof Error) {
                err.message += `\n${leftovers.join("\n")}`;
            }
            throw err;
        }
    }
}
