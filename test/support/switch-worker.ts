// A second process for the switch tests: it runs SysctlForward creates and deletes in a sandbox,
// one per line of its input (JSON), answering one JSON line each. Two of them race as two
// `pulumi` runs on one machine would: each has its own provider, its own queue, its own Host.
//   node switch-worker.js <sandbox pid>
import { createInterface } from "node:readline";
import type * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../../provider";
import { LocalHost } from "../../provider/host/local-host";

type Request = { op: "create"; inputs: Record<string, unknown> } | { op: "delete"; id: string; outs: Record<string, unknown> };

async function main(): Promise<void> {
    const host = new LocalHost(["nsenter", "-t", process.argv[2], "-n", "-m", "--"]);
    const provider = makeProvider("SysctlForward", () => host) as Required<pulumi.dynamic.ResourceProvider>;
    process.stdout.write("ready\n");
    for await (const line of createInterface({ input: process.stdin })) {
        const request = JSON.parse(line) as Request;
        try {
            if (request.op === "create") {
                const checked = await provider.check({}, request.inputs);
                process.stdout.write(`${JSON.stringify({ ok: true, result: await provider.create(checked.inputs) })}\n`);
            } else {
                await provider.delete(request.id, request.outs);
                process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
            }
        } catch (error) {
            process.stdout.write(`${JSON.stringify({ ok: false, error: (error as Error).message })}\n`);
        }
    }
}

void main();
