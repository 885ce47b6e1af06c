// A machine's boot plan through the Host seam (locally, and over SSH as the same commands): one
// entry per resource written, removed and read back, each as one command.
import { createHash } from "node:crypto";
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { dropArgv, getArgv, parseGet, putArgv } from "./plan-argv";

/** What state records of a resource's entry: the digest of the text written, or why none was. */
export type BootMark = string;
/** The machine's PID 1 is not systemd: nothing brings the object back at boot (runtime only). */
export const NO_SYSTEMD = "no-systemd";
/** The resource asked to stay runtime-only (`persist: false`). */
export const OFF = "off";
/** Refresh found the entry (or the unit) changed or gone: the next `up` writes it again. */
export const DRIFTED = "drifted";

export const digest = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);

/** Whether a mark says an entry was written (and so is removed with the resource). */
export const written = (mark: unknown): mark is string => typeof mark === "string" && /^[0-9a-f]{16}$/.test(mark);

/** Machines whose PID 1 is not systemd, as found once per provider process: no write is tried there again. */
const withoutSystemd = new WeakSet<Host>();

export class BootPlan {
    constructor(readonly host: Host) {}

    /** Writes the entry; its mark for state. */
    async put(tag: string, text: string): Promise<BootMark> {
        if (withoutSystemd.has(this.host)) {
            return NO_SYSTEMD;
        }
        const answer = ensureSuccess(await this.host.run(putArgv(tag), { input: text })).stdout.trim();
        if (answer === NO_SYSTEMD) {
            withoutSystemd.add(this.host);
            return NO_SYSTEMD;
        }
        if (answer !== "written") {
            throw new Error(`unexpected answer from the boot plan: ${JSON.stringify(answer.slice(0, 100))}`);
        }
        return digest(text);
    }

    async drop(tag: string): Promise<void> {
        ensureSuccess(await this.host.run(dropArgv(tag)));
    }

    /** The mark the machine's plan holds now for this entry: its digest, or DRIFTED when the entry or the unit is not as written. */
    async mark(tag: string, recorded: string): Promise<BootMark> {
        const found = parseGet(ensureSuccess(await this.host.run(getArgv(tag))).stdout);
        // A command's output loses its final newline; every entry's text ends with one.
        const text = found.entry === "" ? "" : found.entry.replace(/\n?$/, "\n");
        return found.unit && digest(text) === recorded ? recorded : DRIFTED;
    }
}
