// Pure argv builders for systemctl, journalctl and ss, and the parsers of what they print.

/** The unit properties a Service reads, in one `systemctl show`. */
export const SHOWN = [
    "LoadState",
    "ActiveState",
    "SubState",
    "Result",
    "MainPID",
    "ExecMainCode",
    "ExecMainStatus",
    "NRestarts",
    "FragmentPath",
    "NeedDaemonReload",
];

/** Equivalent to: `systemctl show UNIT --property=...`. */
export const show = (unit: string): string[] => ["systemctl", "show", unit, `--property=${SHOWN.join(",")}`];
/** Equivalent to: `systemctl is-system-running` (prints "offline" where PID 1 is not systemd). */
export const isSystemRunning = (): string[] => ["systemctl", "is-system-running"];
export const daemonReload = (): string[] => ["systemctl", "daemon-reload"];
/** `systemctl start|restart|stop|reset-failed UNIT`. */
export const unitVerb = (verb: "start" | "restart" | "stop" | "reset-failed", unit: string): string[] => ["systemctl", verb, unit];
/** Equivalent to: `head -n 1 FILE`: an environment file's owner mark, never its values. */
export const firstLine = (path: string): string[] => ["head", "-n", "1", path];
/** Equivalent to: `sha256sum FILE`: compares a secret file without printing it. */
export const digest = (path: string): string[] => ["sha256sum", path];
export const removeFiles = (...paths: string[]): string[] => ["rm", "-f", ...paths];
/** Equivalent to: `rmdir --ignore-fail-on-non-empty DIR...`: each directory that is empty, in order. */
export const removeEmptyDirs = (...dirs: string[]): string[] => ["rmdir", "--ignore-fail-on-non-empty", ...dirs];
/** Equivalent to: `mkdir -p DIR && ln -sfn TARGET LINK` (what `systemctl enable` makes), as one sh program. */
export const link = (target: string, path: string): string[] => ["sh", "-c", 'mkdir -p "$(dirname "$1")" && ln -sfn "$0" "$1"', target, path];
/** Equivalent to: `test -L PATH`. */
export const isLink = (path: string): string[] => ["test", "-L", path];
/** Equivalent to: `test -e PATH`. */
export const exists = (path: string): string[] => ["test", "-e", path];
/** Equivalent to: `journalctl -n 0 --show-cursor`: where the journal ends now. */
export const journalCursor = (): string[] => ["journalctl", "--no-pager", "-q", "-n", "0", "--show-cursor"];
/** The last `lines` journal lines of a unit, after `cursor` when given. */
export const journalTail = (unit: string, lines: number, cursor?: string): string[] => [
    "journalctl",
    "--no-pager",
    "-q",
    "-o",
    "cat",
    "-n",
    String(lines),
    "-u",
    unit,
    ...(cursor ? [`--after-cursor=${cursor}`] : []),
];
/** Equivalent to: `ss -N NS -Hltn 'sport = :PORT'`: TCP listeners on PORT inside the namespace. */
export const listeners = (namespace: string, port: number): string[] => ["ss", "-N", namespace, "-Hltn", `sport = :${port}`];

/** `Key=Value` lines of `systemctl show`. */
export function parseShow(text: string): Record<string, string> {
    const props: Record<string, string> = {};
    for (const line of text.split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0) {
            props[line.slice(0, eq)] = line.slice(eq + 1);
        }
    }
    return props;
}

/** What a unit is doing, as a Service reads it. */
export interface UnitStatus {
    loadState: string;
    activeState: string;
    subState: string;
    result: string;
    mainPid: number;
    /** How the main process ended: "exited", "killed", "dumped", or "" when it has not. */
    exitCode: string;
    exitStatus: number;
    restarts: number;
    fragmentPath: string;
    needsReload: boolean;
}

const EXIT_CODES: Record<string, string> = { "1": "exited", "2": "killed", "3": "dumped" };

export function unitStatus(text: string): UnitStatus {
    const p = parseShow(text);
    const number = (key: string) => Number(p[key] ?? 0) || 0;
    return {
        loadState: p.LoadState ?? "",
        activeState: p.ActiveState ?? "",
        subState: p.SubState ?? "",
        result: p.Result ?? "",
        mainPid: number("MainPID"),
        exitCode: EXIT_CODES[p.ExecMainCode ?? ""] ?? "",
        exitStatus: number("ExecMainStatus"),
        restarts: number("NRestarts"),
        fragmentPath: p.FragmentPath ?? "",
        needsReload: p.NeedDaemonReload === "yes",
    };
}

/** "failed (exit-code), main process exited with status 1", for messages. */
export function describeStatus(s: UnitStatus): string {
    const main = s.exitCode ? `, main process ${s.exitCode} with ${s.exitCode === "exited" ? "status" : "signal"} ${s.exitStatus}` : "";
    const restarts = s.restarts > 0 ? `, restarted ${s.restarts} times` : "";
    return `${s.activeState || "unknown"} (${s.subState || "?"}${s.result && s.result !== "success" ? `, result ${s.result}` : ""})${main}${restarts}`;
}

/**
 * How the last main process ended, as its journal says ("exited with status 3/NOTIMPLEMENTED"): a
 * unit that systemd already restarted no longer shows it in its properties.
 */
export function lastExitInJournal(journal: string): string | undefined {
    const last = [...journal.matchAll(/Main process exited, code=(\w+), status=(\S+?)\.?$/gm)].at(-1);
    return last && `${last[1]} with ${last[1] === "exited" ? "status" : "signal"} ${last[2]}`;
}

/** The cursor `journalctl --show-cursor` printed, if any. */
export const parseCursor = (text: string): string | undefined => /^-- cursor: (\S+)$/m.exec(text)?.[1];

/** States of a machine booted with systemd, as `systemctl is-system-running` prints them. */
const BOOTED = new Set(["initializing", "starting", "running", "degraded", "maintenance", "stopping"]);
export const bootedWithSystemd = (output: string): boolean => BOOTED.has(output.trim());
