// Benchmark: the shell recipe, the engine floor (the same programs on resources that do nothing)
// and pulumi-netns, side by side in one run, each round in fresh sandboxes: the seed topology and
// N namespaces (up, no-op up, preview, refresh, destroy), then the seed topology over SSH.
// Prints the tables and the targets as ratios, and writes everything as JSON.
// Usage: node dist/bench/compare.js [--rounds 3] [--sizes 25,100,200] [--hosts 1,4,8] [--knobs 100]
//   [--parts local,remote,hosts,knobs,firewall,boot] [--forwards 100] [--json bench-results.json]
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { FIREWALLS } from "../provider/firewall/choose";
import { SshHost } from "../provider/host/ssh/ssh-host";
import { cableSandboxes, MGMT } from "../sandbox/link";
import { Sandbox } from "../sandbox/sandbox";
import { startSshServer } from "../sandbox/ssh-server";
import { bootRound } from "./boot-plan";
import { type HostsRow, hostsRound } from "./hosts";
import { median } from "./measure";
import { combine, firewallTable, hostsTable, type Knob, knobTable, memory, type Results, type Row, table, targets } from "./report";
import { localRound, type ProgramRun, remoteRound, shellRound } from "./rounds";

const { values } = parseArgs({
    options: {
        rounds: { type: "string", default: "3" },
        sizes: { type: "string", default: "25,100,200" },
        json: { type: "string", default: "bench-results.json" },
        knobs: { type: "string", default: "100" },
        hosts: { type: "string", default: "1,4,8" },
        parts: { type: "string", default: "local,remote,hosts,knobs,firewall,boot" },
        forwards: { type: "string", default: "100" },
    },
});
const rounds = Number(values.rounds);
const sizes = values.sizes.split(",").filter(Boolean).map(Number);
const parts = new Set(values.parts.split(","));

async function measureRow(name: string, resources: number, run: ProgramRun, shell: () => Promise<{ up: number; down: number }>): Promise<Row> {
    const shells: { up: number; down: number }[] = [];
    const floors = [];
    const netns = [];
    let work = { commands: 0, sessions: 0, runners: 0 };
    // Interleaved, so a slow minute of the machine weighs on every column alike.
    for (let i = 0; i < rounds; i++) {
        shells.push(await shell());
        floors.push((await localRound({ ...run, floor: true })).times);
        const round = await localRound(run);
        netns.push(round.times);
        work = round.work;
    }
    const row = {
        name,
        resources,
        shell: { up: median(shells.map((x) => x.up)), down: median(shells.map((x) => x.down)) },
        floor: combine(floors),
        netns: combine(netns),
        work,
    };
    console.error(`measured ${name}`);
    return row;
}

/**
 * What commands cost on the test remote: starting a runner (one channel and one login shell, whose
 * ~/.bashrc this machine's root fills), then each command through it.
 */
async function sshCosts(): Promise<{ runnerMs: number; commandMs: number }> {
    const remote = await Sandbox.start();
    const control = await Sandbox.start();
    await cableSandboxes(remote, control);
    const server = await startSshServer(remote, MGMT.remoteAddress);
    try {
        const host = new SshHost({ host: "remote", privateKey: server.privateKey }, async () => server.pipe());
        await host.presentedHostKey(); // dialled
        const first = performance.now();
        await host.run(["true"]);
        const start = performance.now();
        for (let i = 0; i < 50; i++) {
            await host.run(["true"]);
        }
        const commandMs = (performance.now() - start) / 50;
        await host.close();
        return { runnerMs: start - first - commandMs, commandMs };
    } finally {
        await server.dispose();
        await control.stop();
        await remote.stop();
    }
}

/** What a user can change in their own runs, each measured on the same program (pulumi-netns, not the floor). */
const KNOBS: { name: string; change: Partial<ProgramRun> }[] = [
    { name: "as is (ts-node type-checks the program; --parallel 8)", change: {} },
    { name: "PULUMI_NODEJS_TRANSPILE_ONLY=true", change: { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } } },
    { name: "precompiled JavaScript program", change: { precompiled: true } },
    { name: "--parallel 2", change: { args: ["--parallel", "2"] } },
    { name: "--parallel 32", change: { args: ["--parallel", "32"] } },
    { name: "PULUMI_SKIP_CHECKPOINTS=true (unsafe: see below)", change: { env: { PULUMI_SKIP_CHECKPOINTS: "true" } } },
];

async function measureKnobs(name: string, run: ProgramRun): Promise<Knob[]> {
    const out: Knob[] = [];
    for (const knob of KNOBS) {
        const times = [];
        for (let i = 0; i < rounds; i++) {
            times.push((await localRound({ ...run, ...knob.change })).times);
        }
        out.push({ work: name, knob: knob.name, times: combine(times) });
    }
    console.error(`measured knobs on ${name}`);
    return out;
}

async function main() {
    const seed: ProgramRun = { program: "examples/two-namespaces" };
    const results: Results = { rounds, rows: [] };
    if (parts.has("local")) {
        results.rows.push(await measureRow("seed", 10, seed, () => shellRound("recipe")));
        for (const n of sizes) {
            const run = { program: "bench/programs/many", config: { count: String(n) } };
            results.rows.push(await measureRow(`N=${n}`, 3 * n + 1, run, () => shellRound("recipe-many", [String(n)])));
        }
    }
    if (parts.has("remote")) {
        const remote = [];
        let work = { commands: 0, sessions: 0, runners: 0 };
        for (let i = 0; i < rounds; i++) {
            const round = await remoteRound(seed);
            remote.push(round.times);
            work = round.work;
        }
        results.remote = { times: combine(remote), work, ...(await sshCosts()) };
    }
    if (parts.has("hosts")) {
        results.hosts = [];
        for (const count of values.hosts.split(",").filter(Boolean).map(Number)) {
            const runs: HostsRow[] = [];
            for (let i = 0; i < rounds; i++) {
                runs.push(await hostsRound(count));
            }
            const of = (key: "up" | "destroy" | "floorUp" | "floorDestroy") => median(runs.map((r) => r[key]));
            results.hosts.push({ ...runs[0], up: of("up"), destroy: of("destroy"), floorUp: of("floorUp"), floorDestroy: of("floorDestroy") });
            console.error(`measured ${count} hosts`);
        }
    }
    if (parts.has("boot")) {
        // What a reboot costs: the boot plan of the N=100 program, against the recipe typed by hand.
        const runs = [];
        for (let i = 0; i < rounds; i++) {
            runs.push(await bootRound(100, join(__dirname, "..", "..", "bench", "recipe-many-up.sh")));
        }
        results.boot = { count: 100, plan: median(runs.map((r) => r.plan)), shell: median(runs.map((r) => r.shell)) };
        console.error("measured the boot plan");
    }
    if (parts.has("knobs")) {
        results.knobs = await measureKnobs("seed", seed);
        if (values.knobs) {
            const n = Number(values.knobs);
            results.knobs.push(...(await measureKnobs(`N=${n}`, { program: "bench/programs/many", config: { count: String(n) } })));
        }
    }

    if (parts.has("firewall")) {
        results.firewall = [];
        const works: [string, number, ProgramRun][] = [
            ["seed", 10, seed],
            ...values.forwards
                .split(",")
                .filter(Boolean)
                .map((n): [string, number, ProgramRun] => [`N=${n} forwards`, Number(n) + 2, { program: "bench/programs/forwards", config: { count: n } }]),
        ];
        for (const [work, resources, run] of works) {
            for (const backend of FIREWALLS) {
                const times = [];
                for (let i = 0; i < rounds; i++) {
                    times.push((await localRound({ ...run, env: { PULUMI_NETNS_FIREWALL: backend } })).times);
                }
                results.firewall.push({ work, resources, backend, times: combine(times) });
            }
            console.error(`measured ${work} with each firewall backend`);
        }
    }

    console.log(`Median of ${rounds} rounds per cell, each round in fresh sandboxes. Every stack also holds one StackIdentity resource.\n`);
    if (results.rows.length > 0) {
        console.log(table(results));
        console.log(`\n${memory(results)}\n`);
    }
    const r = results.remote;
    if (r) {
        console.log(
            `seed over SSH: up ${r.times.up.seconds.toFixed(2)} s, destroy ${r.times.destroy.seconds.toFixed(2)} s; ` +
                `${r.work.sessions} SSH session(s), ${r.work.runners} command runner(s) and ${r.work.commands} commands per up; ` +
                `on this sshd a runner starts in ${r.runnerMs.toFixed(0)} ms, then runs a command in ${r.commandMs.toFixed(1)} ms\n`,
        );
    }
    if (results.knobs) {
        console.log(`${knobTable(results.knobs)}\n`);
    }
    if (results.hosts) {
        console.log(`${hostsTable(results.hosts)}\n`);
    }
    if (results.firewall) {
        console.log(`${firewallTable(results.firewall)}\n`);
    }
    for (const t of targets(results)) {
        console.log(`${t.met ? "met    " : "NOT MET"}  ${t.what.padEnd(56)} ${t.measured}`);
    }
    await writeFile(values.json, `${JSON.stringify({ ...results, targets: targets(results) }, null, 2)}\n`);
    console.log(`\nwritten: ${values.json}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
