// The forwarding switch's owner records across processes and namespaces, against the real kernel:
// two processes racing on one machine, and two network namespaces sharing one /run/pulumi-netns.
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ResultPromise } from "execa";
import { forwarding, type OnMachine } from "../../provider/cli/forwarding";
import { loadExeca } from "../../provider/host/load-execa";
import { SwitchOwners } from "../../provider/linux/switch-owners";
import { Sandbox } from "../../sandbox/sandbox";
import { checkAndCreate, providerIn, testOwnerTag } from "../support/kernel-provider";

jest.setTimeout(180_000);

const KEY = "net.ipv4.ip_forward";

let sandbox: Sandbox;
let neighbour: Sandbox;
beforeAll(async () => {
    sandbox = await Sandbox.start();
    neighbour = await Sandbox.start({ shareRunOf: sandbox }); // shares sandbox's /run/pulumi-netns, on purpose
});
afterAll(async () => {
    await neighbour?.stop();
    await sandbox?.stop();
});

const switchOf = async (box: Sandbox) => (await box.sh("sysctl", "-n", KEY)).trim();

/** The owners recorded for this sandbox's namespace. */
const ownersIn = async (box: Sandbox) =>
    (await new SwitchOwners(box.host).list()).owners
        .filter((o) => o.here && o.switch === KEY)
        .map((o) => o.tag)
        .sort();

type Outs = { id: string; outs: Record<string, unknown> };

/** Another process with a provider of its own (see test/support/switch-worker.ts). */
class Worker {
    private readonly replies: AsyncIterator<string>;
    private constructor(private readonly child: ResultPromise) {
        this.replies = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    }

    static async start(box: Sandbox): Promise<Worker> {
        const { execa } = await loadExeca();
        const child = execa("node", [join(__dirname, "../support/switch-worker.js"), String(box.pid)], { reject: false, buffer: false, stderr: "inherit" });
        const worker = new Worker(child);
        expect((await worker.replies.next()).value).toBe("ready");
        return worker;
    }

    /** Sends a request at once; the answer is awaited by the returned promise. */
    async ask(request: object): Promise<{ ok: boolean; error?: string; result?: Outs }> {
        this.child.stdin!.write(`${JSON.stringify(request)}\n`);
        return JSON.parse((await this.replies.next()).value);
    }

    stop(): void {
        this.child.stdin!.end();
        this.child.kill("SIGKILL");
    }
}

test("two processes on one machine: forwarding is on while any owner holds it, and the value before the first comes back after the last (20 rounds each way)", async () => {
    const [one, two] = await Promise.all([Worker.start(sandbox), Worker.start(sandbox)]);
    const fwd = providerIn("SysctlForward", sandbox.host);
    const failures: string[] = [];
    try {
        for (let round = 0; round < 20; round++) {
            await sandbox.sh("sysctl", "-w", `${KEY}=0`);

            // Both leave at once.
            const a = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
            const b = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
            const left = await Promise.all([one.ask({ op: "delete", ...a }), two.ask({ op: "delete", ...b })]);
            const afterBoth = { forwarding: await switchOf(sandbox), owners: await ownersIn(sandbox), errors: left.filter((r) => !r.ok).map((r) => r.error) };
            if (afterBoth.forwarding !== "0" || afterBoth.owners.length > 0 || afterBoth.errors.length > 0) {
                failures.push(`round ${round}, both leave: ${JSON.stringify(afterBoth)}`);
            }

            // One leaves while another joins.
            await sandbox.sh("sysctl", "-w", `${KEY}=0`);
            const c = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
            const dTag = testOwnerTag();
            const [leave, join] = await Promise.all([
                one.ask({ op: "delete", ...c }),
                two.ask({ op: "create", inputs: { ipv4: true, ipv6: false, ownerTag: dTag } }),
            ]);
            const during = {
                forwarding: await switchOf(sandbox),
                owners: await ownersIn(sandbox),
                errors: [leave, join].filter((r) => !r.ok).map((r) => r.error),
            };
            if (during.forwarding !== "1" || JSON.stringify(during.owners) !== JSON.stringify([dTag]) || during.errors.length > 0) {
                failures.push(`round ${round}, one leaves while one joins: ${JSON.stringify(during)}`);
            }
            if (join.ok && join.result) {
                await fwd.delete(join.result.id, join.result.outs);
                const after = await switchOf(sandbox);
                if (after !== "0") {
                    failures.push(`round ${round}, the joiner left last: forwarding ${after}, not the 0 found before the first`);
                }
            }
        }
    } finally {
        one.stop();
        two.stop();
    }
    expect(failures).toEqual([]);
});

test("two namespaces sharing /run/pulumi-netns: each one's owners keep only its own forwarding on", async () => {
    await sandbox.sh("sysctl", "-w", `${KEY}=0`);
    await neighbour.sh("sysctl", "-w", `${KEY}=0`);
    const here = providerIn("SysctlForward", sandbox.host);
    const there = providerIn("SysctlForward", neighbour.host);
    const a = await checkAndCreate(here, { ipv4: true, ipv6: false });
    const b = await checkAndCreate(there, { ipv4: true, ipv6: false });
    expect(b.outs.previousIpv4).toBe(0); // the neighbour's own value, not "already one owner, value 0 recorded"

    // One /run, both namespaces' records, each told apart.
    const listed = await new SwitchOwners(sandbox.host).list();
    expect(listed.owners.filter((o) => o.switch === KEY).map((o) => [o.tag, o.here])).toEqual(
        expect.arrayContaining([
            [a.outs.ownerTag, true],
            [b.outs.ownerTag, false],
        ]),
    );

    await here.delete(a.id, a.outs);
    expect(await switchOf(sandbox)).toBe("0"); // the neighbour's owner does not hold this namespace's switch
    expect(await switchOf(neighbour)).toBe("1");
    await there.delete(b.id, b.outs);
    expect(await switchOf(neighbour)).toBe("0");
    expect(await sandbox.sh("ls", "-A", "/run/pulumi-netns/switches")).toBe("");
});

test("records of the older layout (one directory per machine) still hold the switch for the stack that made them", async () => {
    await sandbox.sh("sysctl", "-w", `${KEY}=0`);
    const fwd = providerIn("SysctlForward", sandbox.host);
    // Two stacks made by an older version: their records sit directly under switches/<key>/.
    const a = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
    const b = await checkAndCreate(fwd, { ipv4: true, ipv6: false });
    const listed = await new SwitchOwners(sandbox.host).list();
    const dir = `/run/pulumi-netns/switches/${listed.self}/${KEY}`;
    await sandbox.sh("mv", dir, `/run/pulumi-netns/switches/${KEY}`);
    await sandbox.sh("rmdir", `/run/pulumi-netns/switches/${listed.self}`);
    await sandbox.sh("sh", "-c", `: > /run/pulumi-netns/switches/${KEY}/owner.${a.outs.ownerTag}`); // older records were empty files

    await fwd.delete(a.id, a.outs);
    expect(await switchOf(sandbox)).toBe("1"); // b, made by the older version, still wants it
    expect(await ownersIn(sandbox)).toEqual([b.outs.ownerTag]);
    await fwd.delete(b.id, b.outs);
    expect(await switchOf(sandbox)).toBe("0");
    expect(await sandbox.sh("ls", "-A", "/run/pulumi-netns/switches")).toBe("");
});

test("`pulumi-netns forwarding list` names each owner's stack and resource; `drop` gives up a stale one as its destroy would", async () => {
    await sandbox.sh("sysctl", "-w", `${KEY}=0`);
    const onSandbox: OnMachine = (_connection, op) => op(sandbox.host);
    const fwd = providerIn("SysctlForward", sandbox.host);
    const kept = await checkAndCreate(fwd, { ipv4: true, ipv6: false, ownerName: { stack: "organization/web/dev", resource: "forward" } });
    const stale = await checkAndCreate(fwd, { ipv4: true, ipv6: false, ownerName: { stack: "organization/gone/test", resource: "lab-forward" } });
    const there = await checkAndCreate(providerIn("SysctlForward", neighbour.host), { ipv4: true, ipv6: false });

    const listing = await forwarding(["list"], onSandbox);
    const line = (tag: unknown) => listing.split("\n").find((l) => l.includes(String(tag))) ?? "";
    expect(listing.split("\n")[0]).toMatch(/^SWITCH +OWNER +STACK +RESOURCE +BEFORE +NAMESPACE$/);
    expect(line(kept.outs.ownerTag)).toMatch(/^net\.ipv4\.ip_forward +[0-9a-f]{12} +organization\/web\/dev +forward +0 +this namespace$/);
    expect(line(stale.outs.ownerTag)).toMatch(/organization\/gone\/test +lab-forward +0 +this namespace$/);
    expect(line(there.outs.ownerTag)).toMatch(/\(not recorded\) +\(not recorded\) +0 +another namespace \(ns-\d+-[0-9a-f-]+\)$/);

    expect(await forwarding(["drop", String(stale.outs.ownerTag)], onSandbox)).toBe(
        `dropped owner ${stale.outs.ownerTag} of net.ipv4.ip_forward; other owners still hold it on\n`,
    );
    expect(await forwarding(["list"], onSandbox)).not.toContain(String(stale.outs.ownerTag));
    await expect(forwarding(["drop", String(there.outs.ownerTag)], onSandbox)).rejects.toThrow(/no owner [0-9a-f]{12} .* in this network namespace/);
    await expect(forwarding(["drop", "../x"], onSandbox)).rejects.toThrow(/12 hex digits/);
    expect(await forwarding(["drop", String(kept.outs.ownerTag)], onSandbox)).toBe(
        `dropped owner ${kept.outs.ownerTag} of net.ipv4.ip_forward; it was the last owner: net.ipv4.ip_forward is back to 0\n`,
    );
    expect(await switchOf(sandbox)).toBe("0");
    await fwd.delete(kept.id, kept.outs); // its stack's destroy after the drop: nothing left to do
    expect(await switchOf(sandbox)).toBe("0");
    await providerIn("SysctlForward", neighbour.host).delete(there.id, there.outs);
});
