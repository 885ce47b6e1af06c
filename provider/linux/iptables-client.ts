// iptables verbs bound to one Host. Writes to one host are serialized in this process: the one
// provider process serves every resource concurrently, and rule edits must not interleave.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { perHostQueue } from "../host/per-host-queue";
import { addRule, checkRule, deleteRule, listChain, type Rule, type Table } from "./iptables-argv";
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
