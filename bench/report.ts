// The benchmark's results as a table (shell | engine floor | pulumi-netns, with pulumi-netns's
// distance from the floor), the targets as ratios checked in the same run, and JSON.
import type { HostsRow } from "./hosts";
import { median } from "./measure";
import { PHASES, type Phase, type PhaseTimes, type Work } from "./rounds";

export interface Row {
    /** "seed" or "N=100". */
    name: string;
    resources: number;
    shell?: { up: number; down: number };
    floor: PhaseTimes;
    netns: PhaseTimes;
    work: Work;
}

export interface Results {
    rounds: number;
    rows: Row[];
    remote?: { times: PhaseTimes; work: Work; runnerMs: number; commandMs: number };
    knobs?: Knob[];
    hosts?: HostsRow[];
    /** The boot plan of N namespaces run on an empty machine, against the shell recipe (median seconds). */
    boot?: { count: number; plan: number; shell: number };
    firewall?: FirewallRow[];
}

/** One program with one firewall backend (PULUMI_NETNS_FIREWALL). */
export interface FirewallRow {
    work: string;
    resources: number;
    backend: "iptables" | "nftables";
    times: PhaseTimes;
}

/** The backends side by side: up and destroy of each program with each. */
export function firewallTable(rows: FirewallRow[]): string {
    const lines = ["| work | iptables up | nftables up | iptables destroy | nftables destroy |", "|---|---|---|---|---|"];
    for (const work of [...new Set(rows.map((r) => r.work))]) {
        const of = (backend: FirewallRow["backend"]) => rows.find((r) => r.work === work && r.backend === backend)?.times;
        const [ipt, nft] = [of("iptables"), of("nftables")];
        const resources = rows.find((r) => r.work === work)?.resources;
        const cell = (t: PhaseTimes | undefined, phase: "up" | "destroy") => (t ? s(t[phase].seconds) : "–");
        lines.push(`| ${work} (${resources} resources) | ${cell(ipt, "up")} | ${cell(nft, "up")} | ${cell(ipt, "destroy")} | ${cell(nft, "destroy")} |`);
    }
    return lines.join("\n");
}

export function hostsTable(rows: HostsRow[] = []): string {
    const lines = ["| machines (one stack, over SSH) | resources | engine floor up | up | engine floor destroy | destroy |", "|---|---|---|---|---|---|"];
    for (const r of rows) {
        lines.push(`| ${r.hosts} | ${r.resources} | ${s(r.floorUp)} | ${s(r.up)} | ${s(r.floorDestroy)} | ${s(r.destroy)} |`);
    }
    return lines.join("\n");
}

/** One setting a user controls, measured on one program. */
export interface Knob {
    work: string;
    knob: string;
    times: PhaseTimes;
}

export function knobTable(knobs: Knob[] = []): string {
    const lines = ["| program | setting | up | no-op up | destroy |", "|---|---|---|---|---|"];
    for (const k of knobs) {
        lines.push(`| ${k.work} | ${k.knob} | ${s(k.times.up.seconds)} | ${s(k.times.noop.seconds)} | ${s(k.times.destroy.seconds)} |`);
    }
    return lines.join("\n");
}

/** The median of each phase's time and the highest of each peak, over rounds. */
export function combine(rounds: PhaseTimes[]): PhaseTimes {
    const one = (phase: Phase) => ({
        seconds: median(rounds.map((r) => r[phase].seconds)),
        programMb: Math.max(...rounds.map((r) => r[phase].programMb)),
        providerMb: Math.max(...rounds.map((r) => r[phase].providerMb)),
    });
    return Object.fromEntries(PHASES.map((p) => [p, one(p)])) as PhaseTimes;
}

const s = (x: number) => `${x.toFixed(2)} s`;

export function table(results: Results): string {
    const lines = ["| work | shell | engine floor | pulumi-netns | × floor |", "|---|---|---|---|---|"];
    for (const row of results.rows) {
        for (const phase of PHASES) {
            const shell = phase === "up" ? row.shell?.up : phase === "destroy" ? row.shell?.down : undefined;
            const floor = row.floor[phase].seconds;
            const netns = row.netns[phase].seconds;
            const delta = netns - floor;
            lines.push(
                `| ${row.name} (${row.resources} resources) ${phase} | ${shell === undefined ? "–" : s(shell)} | ${s(floor)} | ${s(netns)} (${delta >= 0 ? "+" : ""}${delta.toFixed(2)}) | ${(netns / floor).toFixed(2)} |`,
            );
        }
    }
    return lines.join("\n");
}

export function memory(results: Results): string {
    const lines = ["| work | program peak RSS (floor / pulumi-netns) | provider peak RSS (floor / pulumi-netns) | commands per up |", "|---|---|---|---|"];
    for (const row of results.rows) {
        const peak = (t: PhaseTimes, key: "programMb" | "providerMb") => Math.max(...PHASES.map((p) => t[p][key]));
        lines.push(
            `| ${row.name} | ${peak(row.floor, "programMb")} / ${peak(row.netns, "programMb")} MB | ${peak(row.floor, "providerMb")} / ${peak(row.netns, "providerMb")} MB | ${row.work.commands} |`,
        );
    }
    return lines.join("\n");
}

export interface Target {
    what: string;
    measured: string;
    met: boolean;
}

export function targets(results: Results): Target[] {
    const row = (name: string) => results.rows.find((r) => r.name === name);
    const out: Target[] = [];
    const seed = row("seed");
    if (seed) {
        const extra = seed.netns.up.seconds - seed.floor.up.seconds;
        out.push({ what: "seed up ≤ floor + 0.25 s", measured: `floor + ${extra.toFixed(2)} s`, met: extra <= 0.25 });
    }
    const hundred = row("N=100");
    if (hundred) {
        for (const [phase, limit] of [
            ["up", 1.15],
            ["noop", 1.1],
            ["destroy", 1.1],
        ] as const) {
            const ratio = hundred.netns[phase].seconds / hundred.floor[phase].seconds;
            out.push({ what: `N=100 ${phase} ≤ ${limit} × floor`, measured: `${ratio.toFixed(2)} ×`, met: ratio <= limit });
        }
    }
    for (const work of [...new Set((results.firewall ?? []).map((r) => r.work))]) {
        const of = (backend: FirewallRow["backend"]) => results.firewall?.find((r) => r.work === work && r.backend === backend)?.times;
        const [ipt, nft] = [of("iptables"), of("nftables")];
        if (ipt && nft) {
            // No slower: within 5 % (two medians of a shared 2-core machine differ by that much).
            for (const phase of ["up", "destroy"] as const) {
                const ratio = nft[phase].seconds / ipt[phase].seconds;
                out.push({ what: `${work} ${phase}: nftables ≤ 1.05 × iptables`, measured: `${ratio.toFixed(2)} ×`, met: ratio <= 1.05 });
            }
        }
    }
    const twoHundred = row("N=200");
    if (hundred && twoHundred) {
        // pulumi-netns's own cost per namespace (above the floor): the engine's own is not linear
        // (it rewrites the whole state after each step), and no provider can change that.
        const own = (row: Row, n: number) => (row.netns.up.seconds - row.floor.up.seconds) / n;
        const drift = own(twoHundred, 200) / own(hundred, 100) - 1;
        const total = (row: Row, n: number) => ((row.netns.up.seconds / n) * 1000).toFixed(0);
        out.push({
            what: "own up cost per namespace at N=200 within 20 % of N=100",
            measured: `${(own(hundred, 100) * 1000).toFixed(1)} → ${(own(twoHundred, 200) * 1000).toFixed(1)} ms (${drift >= 0 ? "+" : ""}${(drift * 100).toFixed(0)} %; with the engine's: ${total(hundred, 100)} → ${total(twoHundred, 200)} ms)`,
            met: Math.abs(drift) <= 0.2,
        });
    }
    if (twoHundred) {
        const rss = Math.max(...PHASES.map((p) => twoHundred.netns[p].providerMb));
        out.push({ what: "provider peak RSS ≤ 150 MB at N=200", measured: `${rss} MB`, met: rss <= 150 });
    }
    if (results.boot) {
        const ratio = results.boot.plan / results.boot.shell;
        out.push({
            what: `boot plan of N=${results.boot.count} ≤ 1.5 × shell recipe`,
            measured: `${ratio.toFixed(2)} × (${s(results.boot.plan)} vs ${s(results.boot.shell)})`,
            met: ratio <= 1.5,
        });
    }
    const one = results.hosts?.find((h) => h.hosts === 1);
    const eight = results.hosts?.find((h) => h.hosts === 8);
    if (one && eight) {
        const ratio = eight.up / one.up;
        const floor = eight.floorUp / one.floorUp;
        out.push({
            what: "up over 8 machines ≤ 1.5 × over 1",
            measured: `${ratio.toFixed(2)} × (the engine floor's own: ${floor.toFixed(2)} ×)`,
            met: ratio <= 1.5,
        });
    }
    if (seed && results.remote) {
        const ratio = results.remote.times.up.seconds / seed.netns.up.seconds;
        out.push({ what: "seed up over SSH ≤ 1.3 × local", measured: `${ratio.toFixed(2)} ×`, met: ratio <= 1.3 });
    }
    return out;
}
