// Owner records of host-wide switches on one Host: several stacks may want forwarding on; it stays
// on while any of them does, and the value found before the first is restored after the last.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { perHostQueue } from "../host/per-host-queue";
import * as argv from "./switch-owners-argv";

/** Read-modify-write of the records of one host, one at a time in this process. */
const serialized = perHostQueue();

export class SwitchOwners {
    constructor(readonly host: Host) {}

    private async ok(args: string[]): Promise<void> {
        ensureSuccess(await this.host.run(args));
    }

    async records(key: string): Promise<argv.SwitchRecords> {
        const r = await this.host.run(argv.listDir(key));
        return r.exitCode === 0 ? argv.parseRecords(r.stdout) : { owners: [] };
    }

    /**
     * Records `tag` as an owner. The first owner records `current` as the value to restore; later
     * ones get that first value back. Returns the value to restore when the last owner goes.
     */
    join(key: string, tag: string, current: number): Promise<number> {
        return serialized(this.host, async () => {
            const found = await this.records(key);
            // Any owner at all (this one too, on an update) means the recorded value still stands.
            const first = found.owners.length === 0 || found.previous === undefined;
            const previous = first ? current : found.previous!;
            await this.ok(argv.makeDir(key));
            if (first && found.previous !== previous) {
                if (found.previous !== undefined) {
                    await this.ok(argv.remove(argv.previousFile(key, found.previous)));
                }
                await this.ok(argv.touch(argv.previousFile(key, previous)));
            }
            await this.ok(argv.touch(argv.ownerFile(key, tag)));
            return previous;
        });
    }

    /**
     * Removes `tag`. Returns the value to restore when it was the last owner (the records are then
     * cleared), or undefined while others still want the switch on.
     */
    leave(key: string, tag: string, fallback: number | undefined): Promise<number | undefined> {
        return serialized(this.host, async () => {
            const found = await this.records(key);
            await this.ok(argv.remove(argv.ownerFile(key, tag)));
            if (found.owners.some((o) => o !== tag)) {
                return undefined;
            }
            const previous = found.previous ?? fallback;
            if (found.previous !== undefined) {
                await this.ok(argv.remove(argv.previousFile(key, found.previous)));
            }
            await this.host.run(argv.removeDir(key)); // best effort: a stray file keeps the directory
            return previous;
        });
    }
}
