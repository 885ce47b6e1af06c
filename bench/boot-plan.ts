// The boot plan of bench/programs/many against the shell recipe for the same topology, each run in a
// fresh sandbox, as a boot does: an empty network namespace. The entries are the ones pulumi-netns
// writes for that program's resources (built by the same functions from the same states).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { entryText } from "../provider/boot/entry";
import { bridgeEntry, namespaceEntry, routeEntry, vethEntry } from "../provider/boot/kind-entries";
import { runnerScript } from "../provider/boot/runner-script";
import { Sandbox } from "../sandbox/sandbox";

const tag = (i: number) => i.toString(16).padStart(12, "0");

/** Wall-clock seconds of one run. */
async function seconds(op: () => Promise<unknown>): Promise<number> {
    const start = performance.now();
    await op();
    return (performance.now() - start) / 1000;
}

/** The entries of bench/programs/many with `count` namespaces, by owner tag. */
export function manyEntries(count: number): Map<string, string> {
    const entries = new Map<string, string>();
    entries.set(tag(0xfffff), entryText(bridgeEntry({ name: "br0", addresses: ["10.60.0.1/16"], mtu: 1500, ownerTag: tag(0xfffff) })));
    for (let i = 0; i < count; i++) {
        const ns = `n${i}`;
        const address = `10.60.${1 + Math.floor(i / 250)}.${1 + (i % 250)}/16`;
        entries.set(tag(3 * i), entryText(namespaceEntry({ name: ns, loopbackUp: true, ownerTag: tag(3 * i) })));
        entries.set(
            tag(3 * i + 1),
            entryText(
                vethEntry({ hostName: `vn${i}`, peerName: "eth0", namespace: ns, bridge: "br0", addresses: [address], mtu: 1500, ownerTag: tag(3 * i + 1) }),
            ),
        );
        entries.set(
            tag(3 * i + 2),
            entryText(routeEntry({ family: 4, destination: "default", via: "10.60.0.1", device: "eth0", metric: 0, protocol: 245 }, ns)),
        );
    }
    return entries;
}

/** Seconds the boot plan of `count` namespaces takes to run on an empty machine, and the shell recipe's. */
export async function bootRound(count: number, recipe: string): Promise<{ plan: number; shell: number }> {
    const dir = await mkdtemp(join(tmpdir(), "pulumi-netns-bench-boot-"));
    try {
        await writeFile(join(dir, "run.sh"), runnerScript());
        const entries = join(dir, "entries");
        await mkdir(entries);
        for (const [t, text] of manyEntries(count)) {
            await writeFile(join(entries, t), text);
        }
        const planBox = await Sandbox.start();
        let plan: number;
        try {
            plan = await seconds(() => planBox.sh("sh", join(dir, "run.sh"), entries));
            // What came back is what the recipe makes: every namespace with its address and route.
            const routes = await planBox.sh("ip", "-n", `n${count - 1}`, "route", "show", "default");
            if (!/via 10\.60\.0\.1 dev eth0 proto 245/.test(routes)) {
                throw new Error(`the boot plan did not make n${count - 1}'s route: ${routes}`);
            }
        } finally {
            await planBox.stop();
        }
        const shellBox = await Sandbox.start();
        try {
            const shell = await seconds(() => shellBox.sh("bash", recipe, String(count)));
            return { plan, shell };
        } finally {
            await shellBox.stop();
        }
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}
