// Retries an assertion until it passes or its time is up: for state that settles on its own (systemd
// restarting a program, a unit going away), where a fixed sleep would be slow or flaky.

/** Runs `assertion` every `everyMs` until it passes; after `ms`, its last failure is the test's. */
export async function eventually(assertion: () => Promise<void>, ms = 30_000, everyMs = 250): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
        try {
            return await assertion();
        } catch (err) {
            if (Date.now() > deadline) {
                throw err;
            }
            await new Promise((r) => setTimeout(r, everyMs));
        }
    }
}
