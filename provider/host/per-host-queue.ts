// One provider process serves every resource at once. Read-modify-write work on a shared object of
// a machine (its iptables chains, its switch owner records) goes through a queue per machine.
import type { Host } from "./host";

/** A queue per Host: the returned function runs `op` after every earlier one queued for that host. */
export function perHostQueue(): <T>(host: Host, op: () => Promise<T>) => Promise<T> {
    const tails = new WeakMap<Host, Promise<unknown>>();
    return (host, op) => {
        // A failed operation does not stop the ones queued after it.
        const next = (tails.get(host) ?? Promise.resolve()).catch(() => undefined).then(op);
        tails.set(host, next);
        return next;
    };
}
