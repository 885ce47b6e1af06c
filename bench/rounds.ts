// One round of each contender, in fresh sandboxes: the shell recipe, and a Pulumi program through
// every phase a user runs (up, no-op up, preview, refresh, destroy) against pulumi-netns or the floor,
// on this machine or over SSH.
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cableSandboxes, MGMT } from "../sandbox/link";
import { PulumiProject } from "../sandbox/pulumi-project";
import { configureConnection } from "../sandbox/remote-config";
import { Sandbox } from "../sandbox/sandbox";
import { type SshServer, startSshServer } from "../sandbox/ssh-server";
import { useFloor } from "./floor-shim";
import { type Measured, measure } from "./measure";
import { precompile } from "./precompile";

const here = join(__dirname, "..", "..", "bench");

export const PHASES = ["up", "noop", "preview", "refresh", "destroy"] as const;
export type Phase = (typeof PHASES)[number];
export type PhaseTimes = Record<Phase, Measured>;

/** What the provider did during the first `up`, from its trace: commands run, SSH sessions and command runners opened. */
export interface Work {
    commands: number;
    sessions: number;
    runners: number;
}

/** The shell recipe's up and down scripts, with their arguments, in a fresh sandbox. */
export async function shellRound(script: "recipe" | "recipe-many", args: string[] = []): Promise<{ up: number; down: number }> {
    const sandbox = await Sandbox.start();
    try {
        const up = await measure(() => sandbox.sh("bash", join(here, `${script}-up.sh`), ...args));
        const down = await measure(() => sandbox.sh("bash", join(here, `${script}-down.sh`), ...args));
        return { up: up.seconds, down: down.seconds };
    } finally {
        await sandbox.stop();
    }
}

export interface ProgramRun {
    /** A program directory inside the repo. */
    program: string;
    config?: Record<string, string>;
    /** Run against the floor module instead of pulumi-netns. */
    floor?: boolean;
    /** Environment of every `pulumi` command (e.g. PULUMI_NODEJS_TRANSPILE_ONLY). */
    env?: Record<string, string>;
    /** Extra arguments of `pulumi up` and `pulumi destroy` (e.g. --parallel 4). */
    args?: string[];
    /** Compile the program to JavaScript first and run that, as a user's CI build would. */
    precompiled?: boolean;
}

async function phases(project: PulumiProject, args: string[]): Promise<PhaseTimes> {
    return {
        up: await measure(() => project.up(...args)),
        noop: await measure(() => project.up(...args)),
        preview: await measure(() => project.ok("preview", ...args)),
        refresh: await measure(() => project.ok("refresh", "--yes", "--skip-preview", ...args)),
        destroy: await measure(() => project.ok("destroy", "--yes", "--skip-preview", ...args)),
    };
}

/** Every phase of `run` in `sandbox`; `remote` makes the program build on that machine over SSH. */
async function programRound(sandbox: Sandbox, run: ProgramRun, remote?: SshServer): Promise<{ times: PhaseTimes; work: Work }> {
    const project = await PulumiProject.create(sandbox, run.program, "bench");
    const traceDir = await mkdtemp(join(tmpdir(), "bench-trace-"));
    const traceFile = join(traceDir, "trace.jsonl");
    try {
        if (run.floor) {
            await useFloor(project.dir);
        }
        if (run.precompiled) {
            await precompile(project.dir);
        }
        Object.assign(project.environment, run.env ?? {});
        await project.setConfig(run.config ?? {});
        if (remote) {
            await configureConnection(project, remote);
        }
        project.environment.PULUMI_NETNS_TRACE = traceFile;
        const times = await phases(project, run.args ?? []);
        if (process.env.BENCH_KEEP_TRACE) {
            await copyFile(traceFile, process.env.BENCH_KEEP_TRACE);
        }
        return { times, work: await workOfFirstUp(traceFile) };
    } finally {
        await project.dispose();
        await rm(traceDir, { recursive: true, force: true });
    }
}

/** Commands, sessions and runners of the first provider process in the trace (the first `up`'s). */
async function workOfFirstUp(traceFile: string): Promise<Work> {
    const lines = (await readFile(traceFile, "utf8").catch(() => "")).split("\n").filter(Boolean);
    const events = lines.map((line) => JSON.parse(line) as { event: string; pid: number });
    const first = events[0]?.pid;
    const ofFirst = events.filter((e) => e.pid === first);
    const count = (event: string) => ofFirst.filter((e) => e.event === event).length;
    return { commands: count("run"), sessions: count("dial"), runners: count("runner") };
}

export async function localRound(run: ProgramRun): Promise<{ times: PhaseTimes; work: Work }> {
    const sandbox = await Sandbox.start();
    try {
        return await programRound(sandbox, run);
    } finally {
        await sandbox.stop();
    }
}

/** A remote machine (sshd in a sandbox) and a control machine cabled to it; the program runs on the control one. */
export async function remoteRound(run: ProgramRun): Promise<{ times: PhaseTimes; work: Work }> {
    const remote = await Sandbox.start();
    const control = await Sandbox.start();
    await cableSandboxes(remote, control);
    const server = await startSshServer(remote, MGMT.remoteAddress);
    try {
        return await programRound(control, run, server);
    } finally {
        await server.dispose();
        await control.stop();
        await remote.stop();
    }
}
