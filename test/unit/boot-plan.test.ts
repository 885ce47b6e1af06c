// The boot plan's pure parts: each kind's entry (the same argv the kind runs, as batch lines in
// phases), the words that could not stay words refused, the runner and plan programs parsed by dash
// and bash, and the layer that keeps a resource's entry current (written on create and update,
// dropped on delete, drift found by refresh, one update for a stack made before the plan).
import { spawnSync } from "node:child_process";
import { DRIFTED, digest, NO_SYSTEMD } from "../../provider/boot/boot-plan";
import { bootUnitText } from "../../provider/boot/boot-unit";
import { entryText, PHASES } from "../../provider/boot/entry";
import { bridgeEntry, namespaceEntry, routeEntry, rulesEntry, vethEntry, vxlanEntry } from "../../provider/boot/kind-entries";
import { persisting } from "../../provider/boot/persisting";
import { parseGet, putArgv } from "../../provider/boot/plan-argv";
import { runnerScript } from "../../provider/boot/runner-script";
import type { Host, RunOptions, RunResult } from "../../provider/host/host";
import { kinds } from "../../provider/resources/registry";

const TAG = "0123456789ab";

test("namespace, bridge and veth entries: guarded by their object, in phases, marked with the owner", () => {
    expect(entryText(namespaceEntry({ name: "ns1", loopbackUp: true, ownerTag: TAG }))).toBe(
        "guard netns ns1\n1 - netns add ns1\n4 ns1 link set dev lo alias pulumi-netns:0123456789ab up\n",
    );
    expect(entryText(bridgeEntry({ name: "br0", addresses: ["192.168.1.1/24"], mtu: 1500, ownerTag: TAG }))).toBe(
        "guard link br0\n2 - link add name br0 mtu 1500 type bridge\n2 - link set dev br0 alias pulumi-netns:0123456789ab up\n2 - addr add 192.168.1.1/24 dev br0\n",
    );
    const veth = { hostName: "veth0", peerName: "ceth0", namespace: "ns1", bridge: "br0", addresses: ["192.168.1.10/24"], ownerTag: TAG };
    expect(entryText(vethEntry(veth)).split("\n")).toEqual([
        "guard link veth0",
        "3 - link add name veth0 type veth peer name ceth0 netns ns1",
        "3 - link set dev veth0 alias pulumi-netns:0123456789ab master br0 up",
        "4 ns1 link set dev ceth0 alias pulumi-netns:0123456789ab up",
        "4 ns1 addr add 192.168.1.10/24 dev ceth0",
        "",
    ]);
});

test("routes as the kernel holds them, with no family flag (an IPv6 default is ::/0); VXLAN remotes in the FDB phase", () => {
    const v4 = routeEntry({ family: 4, destination: "default", via: "192.168.1.1", device: "ceth0", metric: 0, protocol: 245 }, "ns1");
    expect(entryText(v4)).toBe("5 ns1 route add default via 192.168.1.1 dev ceth0 metric 0 proto 245\n");
    const v6 = routeEntry({ family: 6, destination: "default", via: "fd00:1::1", device: "ceth0", metric: 1024, protocol: 245 }, undefined);
    expect(entryText(v6)).toBe("5 - route add ::/0 via fd00:1::1 dev ceth0 metric 1024 proto 245\n");
    const vxlan = vxlanEntry({ name: "vx0", vni: 42, localAddress: "10.0.0.1", dstPort: 4789, remotes: ["10.0.0.2"], bridge: "br0", ownerTag: TAG });
    expect(entryText(vxlan)).toMatch(/\n6 - fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2\n$/);
});

test("rules are data, written in iptables' words; a word that would not stay one is refused", () => {
    const rule = { family: 4 as const, table: "nat" as const, chain: "POSTROUTING", spec: ["-s", "192.168.1.0/24", "!", "-o", "br0", "-j", "MASQUERADE"] };
    expect(entryText(rulesEntry([rule]))).toBe("rule4 nat POSTROUTING -s 192.168.1.0/24 ! -o br0 -j MASQUERADE\n");
    expect(() => entryText(rulesEntry([{ ...rule, spec: ["-m", "comment", "--comment", "a b"] }]))).toThrow(/one word/);
    expect(() => entryText({ commands: [{ phase: PHASES.inside, argv: ["bridge", "fdb", "append"] }] })).toThrow(/own phase/);
    expect(() => entryText({ switches: [{ key: "net.ipv4.ip_forward", tag: TAG, previous: 0, name: "a\nb" }] })).toThrow(/one line/);
});

test("the runner and the plan's program parse in dash and bash; the unit runs the runner before network.target", () => {
    for (const shell of ["dash", "bash"]) {
        for (const program of [runnerScript(), putArgv(TAG)[2]]) {
            const r = spawnSync(shell, ["-n", "-c", program]);
            expect(r.stderr.toString()).toBe("");
            expect(r.status).toBe(0);
        }
    }
    expect(bootUnitText()).toMatch(/\nType=oneshot\nRemainAfterExit=yes\n/);
    expect(bootUnitText()).toMatch(/\nWants=network-pre.target\n/);
    expect(bootUnitText()).toMatch(/\nBefore=network.target /);
    expect(() => putArgv("../../etc")).toThrow(/12 hex digits/);
    expect(parseGet("unit\n---\nguard link br0")).toEqual({ unit: true, entry: "guard link br0" });
    expect(parseGet("unit\n---")).toEqual({ unit: true, entry: "" });
    expect(parseGet("---\n")).toEqual({ unit: false, entry: "" });
});

/** A machine that answers the plan's program: put writes, get reads back, drop removes. */
class PlanMachine implements Host {
    readonly description = "a test machine";
    readonly entries = new Map<string, string>();
    systemd = true;
    async run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
        const [op, tag] = argv.slice(4);
        let stdout = "";
        if (op === "put") {
            stdout = this.systemd ? "written\n" : `${NO_SYSTEMD}\n`;
            if (this.systemd) {
                this.entries.set(tag, options.input ?? "");
            }
        } else if (op === "get") {
            stdout = `unit\n---\n${(this.entries.get(tag) ?? "").replace(/\n$/, "")}`;
        } else if (op === "drop") {
            this.entries.delete(tag);
            stdout = "dropped\n";
        }
        return { argv, exitCode: 0, stdout, stderr: "" };
    }
}

describe("the layer that keeps entries current", () => {
    const machine = new PlanMachine();
    const state = { name: "ns1", loopbackUp: true, ownerTag: TAG };
    const inner = {
        create: async (props: Record<string, unknown>) => ({ id: "ns1", outs: props }),
        update: async (_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) => ({ outs: news }),
        read: async (id: string, props: Record<string, unknown>) => ({
            id,
            props: { name: props.name, loopbackUp: props.loopbackUp, ownerTag: props.ownerTag },
        }),
        delete: async () => undefined,
        diff: async () => ({ changes: false }),
    };
    const provider = persisting("Namespace", kinds.Namespace as never, inner, () => machine);
    const text = entryText(namespaceEntry(state));

    test("create writes the entry and records its digest; refresh finds it, or drift when it was edited", async () => {
        const { outs } = await provider.create(state);
        expect(machine.entries.get(TAG)).toBe(text);
        expect(outs.bootPlan).toBe(digest(text));
        expect((await provider.read!("ns1", outs)).props?.bootPlan).toBe(digest(text));
        machine.entries.set(TAG, "edited\n");
        expect((await provider.read!("ns1", outs)).props?.bootPlan).toBe(DRIFTED);
    });

    test("diff: a stack made before the plan (no mark) or drifted updates once; a written or runtime-only one does not", async () => {
        const changes = async (olds: Record<string, unknown>, news: Record<string, unknown> = state) => (await provider.diff!("ns1", olds, news)).changes;
        expect(await changes(state)).toBe(true);
        expect(await changes({ ...state, bootPlan: DRIFTED })).toBe(true);
        expect(await changes({ ...state, bootPlan: digest(text) })).toBe(false);
        expect(await changes({ ...state, bootPlan: NO_SYSTEMD })).toBe(false);
        expect(await changes({ ...state, bootPlan: digest(text) }, { ...state, persist: false })).toBe(true);
    });

    test("persist: false removes the entry; delete removes it; no systemd writes nothing", async () => {
        const { outs } = await provider.create(state);
        const off = await provider.update!("ns1", outs, { ...state, persist: false });
        expect(off.outs?.bootPlan).toBe("off");
        expect(machine.entries.has(TAG)).toBe(false);
        const again = await provider.create(state);
        await provider.delete!("ns1", again.outs);
        expect(machine.entries.has(TAG)).toBe(false);
        machine.systemd = false;
        expect((await provider.create(state)).outs.bootPlan).toBe(NO_SYSTEMD);
        expect(machine.entries.size).toBe(0);
    });
});
