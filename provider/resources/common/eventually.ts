// Resources of one program are created in parallel, and a program need not say that a route's
// gateway or a forward's target network comes from another resource. Where a kernel fact another
// resource is about to create is missing, we wait for it a bounded time instead of failing at once.

/**
 * How long a create waits for a fact another resource of the same `up` may still be creating:
 * 20 s, or PULUMI_NETNS_SETTLE_SECONDS.
 */
export const settleMs = (): number => 1000 * Number(process.env.PULUMI_NETNS_SETTLE_SECONDS ?? 20);

/**
 * Calls `attempt` until it returns a value other than undefined, or `timeoutMs` has passed (then
 * resolves undefined). The first attempt runs at once; later ones back off up to 500 ms apart.
 * With `worthWaiting`, it also stops as soon as that says nothing is coming.
 */
export async function eventually<T>(
    attempt: () => Promise<T | undefined>,
    timeoutMs = settleMs(),
    worthWaiting: () => boolean = () => true,
): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
        const value = await attempt();
        if (value !== undefined || Date.now() >= deadline || !worthWaiting()) {
            return value;
        }
        await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(0, deadline - Date.now()))));
    }
}
