// What this machine must offer before any command runs: checked at preview, without starting a
// process, so a missing capability or tool is reported by `pulumi preview`, not halfway through up.
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { SAFE_PATH } from "./limits";

const CAP_NET_ADMIN = 12n;

/** True when this process holds CAP_NET_ADMIN in its effective set (root normally does). */
export function hasNetAdmin(status = readFileSync("/proc/self/status", "utf8")): boolean {
    const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    return hex !== undefined && ((BigInt(`0x${hex}`) >> CAP_NET_ADMIN) & 1n) === 1n;
}

/**
 * The tools of `tools` not found where commands run from: the fixed PATH every command gets
 * (SAFE_PATH), never the caller's, which a boot unit or cron job may have cut to /usr/bin:/bin.
 */
export function missingTools(tools: readonly string[], path = SAFE_PATH): string[] {
    const dirs = path.split(delimiter).filter(Boolean);
    return tools.filter(
        (tool) =>
            !dirs.some((dir) => {
                try {
                    accessSync(join(dir, tool), constants.X_OK);
                    return true;
                } catch {
                    return false;
                }
            }),
    );
}

/** Why this machine cannot run the tools, in one sentence, or undefined when it can. */
export function localHostProblem(tools: readonly string[]): string | undefined {
    if (!hasNetAdmin()) {
        return "this machine: changing the network needs CAP_NET_ADMIN; run pulumi as root (or with that capability)";
    }
    const missing = missingTools(tools);
    if (missing.length > 0) {
        return `this machine: ${missing.join(", ")} not found in ${SAFE_PATH} (where pulumi-netns runs commands from); install iproute2, iptables and procps`;
    }
    return undefined;
}
