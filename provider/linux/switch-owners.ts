// Owner records of the forwarding switches on one Host: several stacks (and processes) may want
// forwarding on in one network namespace; it stays on while any of them does, and the value found
// before the first is restored after the last. Each join and leave is one command under a lock on
// the machine (see switch-owners-argv.ts), so two processes never interleave their steps.
import { ensureSuccess } from "../host/command-error";
import { FileClient } from "../host/file-client";
import type { Host } from "../host/host";
import { lockHolder } from "./lock-holder";
import * as argv from "./switch-owners-argv";

export class SwitchOwners {
    constructor(readonly host: Host) {}

    /**
     * Runs one locked operation. The directory (root's alone) and the lock (0600) are made or
     * checked first: no other user may hold the lock, nor plant a record.
     */
    private async locked(command: string[]): Promise<string> {
        await new FileClient(this.host).lockFile(argv.RECORDS_LOCK, argv.LOCK_MODE, argv.RUN_DIR_MODE);
        const r = await this.host.run(command);
        if (r.exitCode === argv.LOCK_TIMEOUT_EXIT) {
            const holder = await lockHolder(this.host, argv.RECORDS_LOCK);
            throw new Error(
                `the forwarding records' lock ${argv.RECORDS_LOCK} on ${this.host.description} was still held after ${argv.lockWaitSeconds()} s, by ${holder}`,
            );
        }
        return ensureSuccess(r).stdout;
    }

    /**
     * Records `tag` as an owner and turns the switch on. The first owner records the value it
     * found as the one to restore; later ones get that first value back.
     */
    async join(key: string, tag: string, name?: argv.OwnerName): Promise<number> {
        return argv.parseJoin(await this.locked(argv.joinArgv(key, tag, name)));
    }

    /**
     * Removes `tag`. The last owner restores the value recorded before the first (or `fallback`
     * when none is recorded), if the switch still holds 1.
     */
    async leave(key: string, tag: string, fallback: number | undefined): Promise<argv.LeaveResult> {
        return argv.parseLeave(await this.locked(argv.leaveArgv(key, tag, fallback)));
    }

    /** Every owner record of the machine, of every namespace sharing its /run. */
    async list(): Promise<{ self: string; owners: argv.OwnerRecord[] }> {
        return argv.parseList(await this.locked(argv.listArgv()));
    }
}
