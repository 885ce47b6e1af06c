// iptables verbs bound to one Host. Writes to one host are serialized in this process: the one
// provider process serves every resource concurrently, and rule edits must not interleave.
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { type Rule, type Table, appendRule, deleteRule, listChain, saveTable } from "./iptables-argv";
import { commentOf, parsePolicy, parseSavedRules } from "./iptables-save";

const queues = new WeakMap<Host, Promise<unknown>>();

/** Runs `op` after every earlier queued operation on the same host has finished. */
function serialized<T>(host: Host, op: () => Promise<T>): Promise<T> {
    const previous = queues.get(host) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(op);
    queues.set(host, next);
    return next;
}

export class IptablesClient {
    constructor(readonly host: Host) {}

    append(rule: Rule): Promise<void> {
        return serialized(this.host, async () => { ensureSuccess(await this.host.run(appendRule(rule))); });
    }

    /** Deletes one rule by its exact spec; false when no such rule was there. */
    delete(rule: Rule): Promise<boolean> {
        return serialized(this.host, async () => {
            const result = await this.host.run(deleteRule(rule));
            if (result.exitCode !== 0 && /Bad rule|does a matching rule exist|No chain/.test(result.stderr)) {
                return false;
            }
            ensureSuccess(result);
            return true;
        });
    }

    /** The rules of a table that carry exactly this owner comment, as iptables-save prints them. */
    async owned(family: 4 | 6, table: Table, label: string): Promise<Rule[]> {
        const save = ensureSuccess(await this.host.run(saveTable(family, table))).stdout;
        return parseSavedRules(save, family, table).filter((r) => commentOf(r) === label);
    }

    /** Deletes every rule of the table carrying this owner comment; returns how many went. */
    async deleteOwned(family: 4 | 6, table: Table, label: string): Promise<number> {
        let count = 0;
        for (const rule of await this.owned(family, table, label)) {
            if (await this.delete(rule)) {
                count++;
            }
        }
        return count;
    }

    /** The policy of a built-in chain, e.g. "DROP" for FORWARD on a Docker host. */
    async policy(family: 4 | 6, table: Table, chain: string): Promise<string | undefined> {
        return parsePolicy(ensureSuccess(await this.host.run(listChain(family, table, chain))).stdout);
    }
}
