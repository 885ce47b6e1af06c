// Benchmark: the seed topology built and torn down by the hand-typed shell recipe and by
// `pulumi up` / `pulumi destroy` of examples/two-namespaces, side by side in one run, each in a
// fresh sandbox. Prints wall times (median of N rounds) and the ratios.
// Usage: node dist/bench/compare.js [rounds]
import { join } from "node:path";
import { PulumiProject } from "../sandbox/pulumi-project";
import { Sandbox } from "../sandbox/sandbox";

const rounds = Number(process.argv[2] ?? 3);
const here = join(__dirname, "..", "..", "bench");

async function timed(op: () => Promise<unknown>): Promise<number> {
    const start = process.hrtime.bigint();
    await op();
    return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function shellRound(): Promise<[number, number]> {
    const sandbox = await Sandbox.start();
    try {
        const up = await timed(() => sandbox.sh("bash", join(here, "recipe-up.sh")));
        const down = await timed(() => sandbox.sh("bash", join(here, "recipe-down.sh")));
        return [up, down];
    } finally {
        await sandbox.stop();
    }
}

async function pulumiRound(): Promise<[number, number]> {
    const sandbox = await Sandbox.start();
    const project = await PulumiProject.create(sandbox, "examples/two-namespaces", "bench");
    try {
        const up = await timed(() => project.up());
        const down = await timed(() => project.ok("destroy", "--yes", "--skip-preview"));
        return [up, down];
    } finally {
        await project.dispose();
        await sandbox.stop();
    }
}

async function main() {
    const shell: [number, number][] = [];
    const pulumi: [number, number][] = [];
    for (let i = 0; i < rounds; i++) {
        shell.push(await shellRound());
        pulumi.push(await pulumiRound());
    }
    const row = (name: string, xs: [number, number][]) => {
        const up = median(xs.map((x) => x[0]));
        const down = median(xs.map((x) => x[1]));
        console.log(`${name.padEnd(28)} up ${up.toFixed(2).padStart(6)} s   down ${down.toFixed(2).padStart(6)} s`);
        return [up, down];
    };
    console.log(`seed topology, median of ${rounds} rounds, each in a fresh sandbox`);
    const [su, sd] = row("shell recipe (bash)", shell);
    const [pu, pd] = row("pulumi-netns (pulumi up)", pulumi);
    console.log(`ratio pulumi-netns / shell:    up ${(pu / su).toFixed(1)}x   down ${(pd / sd).toFixed(1)}x`);
    console.log("@pulumi/command: not measured here (its provider binary is downloaded from GitHub at install)");
}

main().catch((err) => { console.error(err); process.exit(1); });
