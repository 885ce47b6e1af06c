// A stack's exported state for the CLIs: from a file, standard input, or `pulumi stack export`
// (secrets shown when the passphrase allows, so remote machines can be named).
import { readFile } from "node:fs/promises";
import { loadExeca } from "../host/load-execa";
import { readConnection } from "./read-connection";

/** The state of `stack` (absent: the current one), or of the export in `file` ("-": standard input). */
export async function stackState(stack: string | undefined, file: string | undefined): Promise<unknown> {
    if (file) {
        return JSON.parse(file === "-" ? await readConnection("-") : await readFile(file, "utf8"));
    }
    const { execa } = await loadExeca();
    const args = ["stack", "export", ...(stack ? ["--stack", stack] : [])];
    // Secrets shown so remote machines are named; without the passphrase, the machines stay anonymous.
    const shown = await execa("pulumi", [...args, "--show-secrets"], { reject: false });
    const result = shown.exitCode === 0 ? shown : await execa("pulumi", args, { reject: false });
    if (result.exitCode !== 0) {
        throw new Error(`pulumi ${args.join(" ")} failed: ${String(result.stderr).trim()}`);
    }
    return JSON.parse(String(result.stdout));
}
