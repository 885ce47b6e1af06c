// One machine's snapshot: many readers at once (the guard rails of 100 resources, getHostNetwork,
// the graph) read each listing of the machine once; a failed read is read again.
import { readListeners, readMachineView, readPortClaims } from "../../provider/guard/read-machine";
import type { Host, RunResult } from "../../provider/host/host";
import { readHostNetwork } from "../../provider/inspect/read-host-network";
import { snapshotOf } from "../../provider/inspect/snapshot";

/** Answers every listing as an empty machine would, and counts what ran. */
class CountingHost implements Host {
    readonly description = "a counting host";
    readonly ran: string[] = [];
    failNext = false;
    async run(argv: readonly string[]): Promise<RunResult> {
        this.ran.push(argv.join(" "));
        await new Promise((r) => setTimeout(r, 5));
        if (this.failNext) {
            this.failNext = false;
            return { argv, exitCode: 1, stdout: "", stderr: "boom" };
        }
        const json = argv[0] === "ip" && argv.includes("-j");
        return { argv, exitCode: 0, stdout: json ? "[]" : "", stderr: "" };
    }
}

test("the guard rails of 100 resources, getHostNetwork and the NAT listing read each listing of a machine once", async () => {
    const host = new CountingHost();
    await Promise.all([
        ...Array.from({ length: 100 }, () => Promise.all([readMachineView(host), readListeners(host), readPortClaims(host, 4), readPortClaims(host, 6)])),
        readHostNetwork(host),
        snapshotOf(host).nat(4),
    ]);
    const counts = new Map<string, number>();
    for (const argv of host.ran) {
        counts.set(argv, (counts.get(argv) ?? 0) + 1);
    }
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(host.ran.length).toBeLessThanOrEqual(12);
});

test("a failed read is not kept: the next reader reads again", async () => {
    const host = new CountingHost();
    host.failNext = true;
    await expect(snapshotOf(host).namespaces()).rejects.toThrow(/boom/);
    expect(await snapshotOf(host).namespaces()).toEqual([]);
    expect(host.ran).toEqual(["ip -j netns list", "ip -j netns list"]);
});
