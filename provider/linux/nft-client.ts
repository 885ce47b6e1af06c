// nft verbs bound to one Host: a script applied as one transaction, and the rules of one table.
// Writes to one host are serialized in this process, like iptables edits (see iptables-client.ts).
import { ensureSuccess } from "../host/command-error";
import type { Host } from "../host/host";
import { perHostQueue } from "../host/per-host-queue";
import { isNotFound } from "./kernel-errors";
import { applyScript, listTable, type NftRule, parseNftRules } from "./nft-json";

const serialized = perHostQueue();

export class NftClient {
    constructor(readonly host: Host) {}

    /** Applies `script` (`nft -f -`): all of it or, when one command is refused, none. */
    apply(script: string): Promise<void> {
        return serialized(this.host, () => this.applyNow(script));
    }

    /** Runs `op` with the host's nft edits held back, so a read and the edit it decides stay together. */
    exclusive<T>(op: () => Promise<T>): Promise<T> {
        return serialized(this.host, op);
    }

    /** `apply` inside `exclusive`. */
    async applyNow(script: string): Promise<void> {
        const result = await this.host.run(applyScript(), { input: script });
        // Its "/dev/stdin:N" counts lines of the input: the message carries the input.
        ensureSuccess(result.exitCode === 0 ? result : { ...result, stderr: `${result.stderr.trim()}\nthe commands were:\n${script}` });
    }

    /** The rules of one table; none when the table is not there. */
    async rules(family: "ip" | "ip6", table: string): Promise<NftRule[]> {
        const result = await this.host.run(listTable(family, table));
        if (isNotFound(result)) {
            return [];
        }
        return parseNftRules(ensureSuccess(result).stdout);
    }
}
