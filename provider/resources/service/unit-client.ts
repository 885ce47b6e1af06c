// A Service's unit on one machine, through the Host seam: its files written and removed, systemd
// told, the program started and waited for, and what went wrong told with the unit's own journal.
import { ensureSuccess } from "../../host/command-error";
import { FileClient } from "../../host/file-client";
import type { Host } from "../../host/host";
import { printable } from "../../host/limits";
import type { ServiceInputs } from "./schema";
import * as sc from "./systemctl";
import {
    ENVIRONMENT_DIR,
    ENVIRONMENT_MODE,
    environmentMark,
    environmentPath,
    environmentText,
    LEGACY_ENVIRONMENT_DIR,
    LEGACY_UNIT_DIR,
    sha256,
    UNIT_DIR_MODE,
    UNIT_MODE,
    unitName,
    unitPath,
    unitText,
    wantsPath,
} from "./unit-file";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often readiness is polled. */
const POLL_MS = 200;
/** Journal lines quoted when the program fails. */
const JOURNAL_LINES = 20;

/** Why `host` cannot run services, or undefined when its PID 1 is systemd. */
export async function notSystemd(host: Host): Promise<string | undefined> {
    const r = await host.run(sc.isSystemRunning()).catch((err: Error) => ({ stdout: "", stderr: err.message }));
    if (sc.bootedWithSystemd(r.stdout)) {
        return undefined;
    }
    const said = printable(`${r.stdout} ${r.stderr}`.trim().split("\n")[0]);
    return `Service needs systemd as PID 1 on ${host.description} (systemctl is-system-running: ${said || "no answer"})`;
}

export class UnitClient {
    readonly unit: string;
    readonly path: string;
    readonly environmentPath: string;
    /** The enabling link: the unit starts at boot. */
    readonly wantsPath: string;
    /** Where versions before the boot plan wrote the unit and its environment (runtime only). */
    readonly legacyPath: string;
    private readonly legacyEnvironmentPath: string;

    private readonly files: FileClient;

    constructor(
        private readonly host: Host,
        name: string,
    ) {
        this.files = new FileClient(host);
        this.unit = unitName(name);
        this.path = unitPath(this.unit);
        this.environmentPath = environmentPath(this.unit);
        this.wantsPath = wantsPath(this.unit);
        this.legacyPath = unitPath(this.unit, LEGACY_UNIT_DIR);
        this.legacyEnvironmentPath = environmentPath(this.unit, LEGACY_ENVIRONMENT_DIR);
    }

    /** The runtime unit an earlier version wrote, or undefined. */
    async legacyText(): Promise<string | undefined> {
        return this.files.read(this.legacyPath);
    }

    /** Whether the unit is enabled (its link in multi-user.target.wants). */
    async enabled(): Promise<boolean> {
        return (await this.host.run(sc.isLink(this.wantsPath))).exitCode === 0;
    }

    async status(): Promise<sc.UnitStatus> {
        return sc.unitStatus(ensureSuccess(await this.host.run(sc.show(this.unit))).stdout);
    }

    /** The unit file's text, or undefined when there is none. */
    async text(): Promise<string | undefined> {
        return this.files.read(this.path);
    }

    /** Whether the environment file holds exactly what it should for `s`. */
    async environmentIs(s: ServiceInputs): Promise<boolean> {
        const r = await this.host.run(sc.digest(this.environmentPath));
        return r.exitCode === 0 && r.stdout.split(/\s/)[0] === sha256(environmentText(s.environment, s.ownerTag));
    }

    /** The owner mark of the environment file, if it exists and has one. */
    async environmentMark(): Promise<string | undefined> {
        const r = await this.host.run(sc.firstLine(this.environmentPath));
        return r.exitCode === 0 ? environmentMark(r.stdout) : undefined;
    }

    async namespaceExists(namespace: string): Promise<boolean> {
        return (await this.host.run(sc.exists(`/run/netns/${namespace}`))).exitCode === 0;
    }

    /** Where the journal ends now: failures quote only what came after. */
    async journalCursor(): Promise<string | undefined> {
        const r = await this.host.run(sc.journalCursor()).catch(() => undefined);
        return r?.exitCode === 0 ? sc.parseCursor(r.stdout) : undefined;
    }

    /**
     * Writes the environment file (root only) and the unit file, enables the unit (it starts at
     * boot), removes what an earlier version wrote in /run, and has systemd read them.
     */
    async write(s: ServiceInputs): Promise<void> {
        // Root's alone, in a directory only root may enter; refused where another user could have planted a link.
        await this.files.write(this.environmentPath, environmentText(s.environment, s.ownerTag), ENVIRONMENT_MODE);
        await this.files.write(this.path, unitText(s), { mode: UNIT_MODE, directoryMode: UNIT_DIR_MODE });
        ensureSuccess(await this.host.run(sc.link(this.path, this.wantsPath)));
        ensureSuccess(await this.host.run(sc.removeFiles(this.legacyPath, this.legacyEnvironmentPath)));
        ensureSuccess(await this.host.run(sc.daemonReload()));
    }

    /**
     * Starts (or restarts) the program and waits until it runs, and with `readyPort` until it listens
     * there. A program that fails, exits or never listens fails this with its journal.
     */
    async start(s: ServiceInputs, verb: "start" | "restart", cursor: string | undefined): Promise<sc.UnitStatus> {
        const started = await this.host.run(sc.unitVerb(verb, this.unit));
        const first = await this.status();
        if (started.exitCode !== 0 || first.activeState !== "active") {
            throw await this.failure(`did not start`, cursor);
        }
        if (s.readyPort === undefined) {
            return first;
        }
        const deadline = Date.now() + s.readyTimeoutSeconds * 1000;
        for (;;) {
            const listening = await this.host.run(sc.listeners(s.namespace, s.readyPort));
            const now = await this.status();
            if (now.activeState !== "active" || now.restarts > first.restarts || now.mainPid !== first.mainPid) {
                throw await this.failure(`ended before it listened on port ${s.readyPort}`, cursor, now);
            }
            if (listening.exitCode === 0 && listening.stdout.trim() !== "") {
                return now;
            }
            if (Date.now() > deadline) {
                throw await this.failure(
                    `did not listen on TCP port ${s.readyPort} in namespace ${s.namespace} within ${s.readyTimeoutSeconds} s`,
                    cursor,
                    now,
                );
            }
            await sleep(POLL_MS);
        }
    }

    /** An error saying what happened, the unit's state and its last journal lines. */
    private async failure(what: string, cursor: string | undefined, known?: sc.UnitStatus): Promise<Error> {
        const status = known ?? (await this.status().catch(() => undefined));
        const journal = await this.host.run(sc.journalTail(this.unit, JOURNAL_LINES, cursor)).catch(() => undefined);
        const lines = journal?.exitCode === 0 && journal.stdout.trim() ? printable(journal.stdout.trim()).split("\n") : ["(no journal lines)"];
        const exit = status?.exitCode ? undefined : sc.lastExitInJournal(journal?.stdout ?? "");
        const state = `${status ? sc.describeStatus(status) : "unknown"}${exit ? `, its last main process ${exit}` : ""}`;
        return new Error(
            `the program ${what}; unit ${this.unit} is ${state}. Last journal lines (journalctl -u ${this.unit}):\n${lines.map((l) => `    ${l}`).join("\n")}`,
        );
    }

    /** Stops the program and removes every file this unit wrote; already gone is success. */
    async remove(): Promise<void> {
        const stopped = await this.host.run(sc.unitVerb("stop", this.unit));
        if (stopped.exitCode !== 0 && !/not loaded|does not exist|not found/i.test(stopped.stderr)) {
            ensureSuccess(stopped);
        }
        await this.files.remove(this.path);
        await this.files.remove(this.environmentPath);
        ensureSuccess(await this.host.run(sc.removeFiles(this.wantsPath, this.legacyPath, this.legacyEnvironmentPath)));
        // The directories go with the last Service (and the last boot plan entry): the machine as found.
        await this.host.run(sc.removeEmptyDirs(ENVIRONMENT_DIR, "/etc/pulumi-netns"));
        ensureSuccess(await this.host.run(sc.daemonReload()));
        // A unit that failed stays listed as failed until told; gone, it is forgotten.
        await this.host.run(sc.unitVerb("reset-failed", this.unit));
    }
}
