// Traffic checks run inside a sandbox: pings and HTTP requests from a namespace (or the sandbox
// host), each giving a one-line result for the demo's table and the tests' assertions.
import type { Sandbox } from "./sandbox";

export interface CheckResult {
    ok: boolean;
    detail: string;
}

const inNs = (ns: string | undefined, argv: string[]) => (ns ? ["ip", "netns", "exec", ns, ...argv] : argv);

export async function ping(sandbox: Sandbox, from: string | undefined, address: string): Promise<CheckResult> {
    const r = await sandbox.run(inNs(from, ["ping", "-c", "1", "-W", "2", address]));
    const rtt = /time=([\d.]+ ms)/.exec(r.stdout)?.[1];
    return { ok: r.exitCode === 0, detail: r.exitCode === 0 ? `reply in ${rtt}` : "no reply" };
}

/** GETs a URL with Python's urllib (no DNS, 5 s timeout); the body is the detail. */
export async function httpGet(sandbox: Sandbox, from: string | undefined, url: string): Promise<CheckResult> {
    const code = "import sys,urllib.request;print(urllib.request.urlopen(sys.argv[1],timeout=5).read().decode().strip())";
    const r = await sandbox.run(inNs(from, ["python3", "-c", code, url]));
    const lastError = r.stderr.trim().split("\n").pop() ?? "";
    return { ok: r.exitCode === 0, detail: r.exitCode === 0 ? r.stdout.trim() : lastError };
}
