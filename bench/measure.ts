// Timing and memory of one benchmark step: wall time, and the peak resident memory of the Pulumi
// program process and of the dynamic provider process while it ran (sampled from /proc).
import { readdir, readFile } from "node:fs/promises";

export interface Measured {
    seconds: number;
    /** Peak RSS in MB of the program process and of the provider process (0: none seen). */
    programMb: number;
    providerMb: number;
    /** CPU seconds used by the program, by the provider (its own), by the commands it ran, and by the engine. */
    cpu: Record<Role | "commands", number>;
}

type Role = "program" | "provider" | "engine";

/** Which of the engine's Node processes a command line belongs to, if any. */
function roleOf(cmdline: string): Role | undefined {
    if (cmdline.includes("cmd/dynamic-provider")) {
        return "provider";
    }
    if (cmdline.includes("@pulumi/pulumi/cmd/run")) {
        return "program";
    }
    if (/^\S*pulumi (up|preview|refresh|destroy) /.test(cmdline)) {
        return "engine";
    }
    return undefined;
}

interface Samples {
    peaks: { program: number; provider: number };
    /** Last CPU seen per process, in clock ticks: [role, own, reaped children]. */
    cpu: Map<string, [Role, number, number]>;
}

/** Highest VmHWM (the kernel's own peak RSS) per role, and CPU so far, of the processes alive right now. */
async function sample(samples: Samples): Promise<void> {
    for (const pid of await readdir("/proc")) {
        if (!/^\d+$/.test(pid)) {
            continue;
        }
        try {
            const role = roleOf((await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " "));
            if (role) {
                const stat = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
                // Fields 14-17 of stat, counted after the command name: utime, stime, cutime, cstime.
                samples.cpu.set(pid, [role, Number(stat[11]) + Number(stat[12]), Number(stat[13]) + Number(stat[14])]);
                if (role !== "engine") {
                    const hwm = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, "utf8"));
                    samples.peaks[role] = Math.max(samples.peaks[role], Number(hwm?.[1] ?? 0) / 1024);
                }
            }
        } catch {
            // The process ended between listing and reading.
        }
    }
}

/** Runs `op`, sampling memory and CPU every 100 ms until it ends. */
export async function measure(op: () => Promise<unknown>): Promise<Measured> {
    const samples: Samples = { peaks: { program: 0, provider: 0 }, cpu: new Map() };
    let running = true;
    const sampler = (async () => {
        while (running) {
            await sample(samples);
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    })();
    const start = process.hrtime.bigint();
    try {
        await op();
    } finally {
        running = false;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await sampler;
    const cpu = { program: 0, provider: 0, engine: 0, commands: 0 };
    for (const [role, own, children] of samples.cpu.values()) {
        cpu[role] += own / TICKS;
        if (role === "provider") {
            cpu.commands += children / TICKS;
        }
    }
    return { seconds, programMb: Math.round(samples.peaks.program), providerMb: Math.round(samples.peaks.provider), cpu };
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
