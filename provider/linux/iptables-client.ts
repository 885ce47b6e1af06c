// iptables verbs bound to one Host. Writes to one host are serialized in this process: the one
// provider process serves every resource concurrently, and rule edits must not interleave.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { perHostQueue } from "../host/per-host-queue";
import { addRule, checkRule, deleteRule, listChain, type Rule, restoreEdits, restoreInput, saveAll, type Table } from "./iptables-argv";
import { parsePolicy } from "./iptables-listing";
import { isNotFound } from "./kernel-errors";

/** Rule edits of one host, one at a time. */
const serialized = perHostQueue();

export class IptablesClient {
    constructor(readonly host: Host) {}

    append(rule: Rule): Promise<void> {
        return serialized(this.host, async () => {
            ensureSuccess(await this.host.run(addRule(rule)));
        });
    }

    /** Deletes one rule by its exact spec; false when no such rule was there. */
    delete(rule: Rule): Promise<boolean> {
        return serialized(this.host, async () => {
            const result = await this.host.run(deleteRule(rule));
            if (isNotFound(result)) {
                return false;
            }
            ensureSuccess(result);
            return true;
        });
    }

    /**
     * Appends rules of one family in one transaction (`iptables-restore --noflush`): all of them
     * or, when one is refused, none.
     */
    appendAll(family: 4 | 6, rules: readonly Rule[]): Promise<void> {
        return serialized(this.host, async () => {
            const input = restoreInput("-A", rules);
            const result = await this.host.run(restoreEdits(family), { input });
            // Its "line N failed" counts lines of the input: the message carries the input.
            ensureSuccess(result.exitCode === 0 ? result : { ...result, stderr: `${result.stderr.trim()}\nthe edits were:\n${input}` });
        });
    }

    /** Applies `iptables-restore --noflush` input of one family (see restoreInput): one commit per table. */
    restore(family: 4 | 6, input: string): Promise<void> {
        return serialized(this.host, async () => {
            const result = await this.host.run(restoreEdits(family), { input });
            ensureSuccess(result.exitCode === 0 ? result : { ...result, stderr: `${result.stderr.trim()}\nthe edits were:\n${input}` });
        });
    }

    /**
     * Deletes rules of one family by exact spec in one transaction; false (and nothing deleted)
     * when one of them was not there.
     */
    deleteAll(family: 4 | 6, rules: readonly Rule[]): Promise<boolean> {
        return serialized(this.host, async () => {
            const result = await this.host.run(restoreEdits(family), { input: restoreInput("-D", rules) });
            if (isNotFound(result)) {
                return false;
            }
            ensureSuccess(result);
            return true;
        });
    }

    /** True when some rule of this family carries `label` in its comment (one listing of every table). */
    async anyLabelled(family: 4 | 6, label: string): Promise<boolean> {
        return ensureSuccess(await this.host.run(saveAll(family))).stdout.includes(label);
    }

    /** True when the chain holds exactly this rule (matched by the kernel, owner comment included). */
    async exists(rule: Rule): Promise<boolean> {
        const result = await this.host.run(checkRule(rule));
        if (result.exitCode === 0) {
            return true;
        }
        if (isNotFound(result)) {
            return false;
        }
        ensureSuccess(result);
        return false;
    }

    /** The policy of a built-in chain, e.g. "DROP" for FORWARD on a Docker host. */
    async policy(family: 4 | 6, table: Table, chain: string): Promise<string | undefined> {
        return parsePolicy(ensureSuccess(await this.host.run(listChain(family, table, chain))).stdout);
    }
}
