// With PULUMI_NETNS_TRACE=<file>, the provider appends one JSON line per command it runs, per SSH
// session it opens and per command runner it starts there: where an `up` spends its time, and how
// many round trips it makes to a machine.
import { appendFileSync } from "node:fs";
import type { Host, RunOptions, RunResult } from "./host";

export interface TraceEvent {
    /** "run": one command; "dial": one SSH session opened; "runner": one command runner started on it. */
    event: "run" | "dial" | "runner";
    where: string;
    argv?: readonly string[];
    exitCode?: number;
    /** Wall time of the command or the dial, in milliseconds. */
    ms: number;
    /** When it started, in milliseconds since the epoch. */
    at: number;
    /** Process id of the provider that wrote the line (one per `pulumi` operation). */
    pid: number;
}

/** Appends an event to the trace file, if tracing is on. Never fails the operation being traced. */
export function trace(event: Omit<TraceEvent, "pid">): void {
    const file = process.env.PULUMI_NETNS_TRACE;
    if (!file) {
        return;
    }
    try {
        appendFileSync(file, `${JSON.stringify({ ...event, pid: process.pid })}\n`);
    } catch {
        // A trace that cannot be written is lost; the resource's work goes on.
    }
}

/** `host`, recording each command's argv, exit code and time when tracing is on. */
export function traced(host: Host): Host {
    if (!process.env.PULUMI_NETNS_TRACE) {
        return host;
    }
    return {
        description: host.description,
        presentedHostKey: host.presentedHostKey?.bind(host),
        presentedProxyHostKey: host.presentedProxyHostKey?.bind(host),
        async run(argv: readonly string[], options?: RunOptions): Promise<RunResult> {
            const at = Date.now();
            const start = performance.now();
            const result = await host.run(argv, options);
            trace({ event: "run", where: host.description, argv, exitCode: result.exitCode, ms: Math.round(performance.now() - start), at });
            return result;
        },
    };
}
