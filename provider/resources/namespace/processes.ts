// The processes still running in a namespace that is being deleted: `ip netns del` only removes its
// name, and they would keep the namespace (and any veth in it) alive with no name to reach it by.
// They are named and stopped (TERM, then KILL after a grace) before the name goes.
import { ensureSuccess } from "../../host/command-error";
import type { Host } from "../../host/host";
import { printable } from "../../host/limits";

const GRACE_MS = 5000;

const pidsIn = async (host: Host, namespace: string): Promise<string[]> => {
    const r = await host.run(["ip", "netns", "pids", namespace]);
    return r.exitCode === 0 ? r.stdout.split("\n").filter((p) => /^\d+$/.test(p)) : [];
};

/** "1234 (python3 -m http.server 5000)" for each process in the namespace; stops them; [] when none ran. */
export async function stopProcessesIn(host: Host, namespace: string): Promise<string[]> {
    const pids = await pidsIn(host, namespace);
    if (pids.length === 0) {
        return [];
    }
    const listing = await host.run(["ps", "-o", "pid=,args=", "-p", pids.join(",")]);
    const named =
        listing.exitCode === 0
            ? listing.stdout
                  .split("\n")
                  .map((l) => l.trim())
                  .filter(Boolean)
            : pids;
    const described = named.map((line) => {
        const [pid, ...args] = line.split(/\s+/);
        return `${pid} (${printable(args.join(" ")).slice(0, 120) || "?"})`;
    });
    await host.run(["kill", "-TERM", ...pids]);
    for (const deadline = Date.now() + GRACE_MS; Date.now() < deadline; ) {
        if ((await pidsIn(host, namespace)).length === 0) {
            return described;
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    const left = await pidsIn(host, namespace);
    if (left.length > 0) {
        ensureSuccess(await host.run(["kill", "-KILL", ...left]));
    }
    return described;
}
