// Pure builders of the commands a Probe runs: the probe itself (ping, nc, curl) inside the source
// namespace, and the listings its diagnosis reads.
import type { ProbeInputs } from "./schema";

/** `ip netns exec NS` in front of a command run inside a namespace; nothing for the host. */
export const inSource = (from: string): string[] => (from === "host" ? [] : ["ip", "netns", "exec", from]);

const family = (address: string): 4 | 6 => (address.includes(":") ? 6 : 4);

/** The URL of an http probe; an IPv6 address goes in brackets. */
export function probeUrl(p: Pick<ProbeInputs, "to" | "port" | "path">): string {
    const host = family(p.to) === 6 ? `[${p.to}]` : p.to;
    return `http://${host}:${p.port ?? 80}${p.path}`;
}

/** One attempt. ping: one echo; tcp: `nc -z`; http: curl printing only the status code. */
export function probeArgv(p: ProbeInputs): string[] {
    const seconds = String(p.timeoutSeconds);
    switch (p.kind) {
        case "ping":
            return [...inSource(p.from), "ping", "-n", "-q", "-c", "1", "-W", seconds, p.to];
        case "tcp":
            return [...inSource(p.from), "nc", "-z", "-n", "-w", seconds, p.to, String(p.port)];
        case "http":
            // -q: no ~/.curlrc; --noproxy '*': straight to the target, whatever proxy the machine's
            // environment names (a proxy would answer for an unreachable target); -g: the brackets
            // of an IPv6 URL are not a glob.
            return [
                ...inSource(p.from),
                "curl",
                "-q",
                "-sS",
                "--noproxy",
                "*",
                "-g",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--max-time",
                seconds,
                probeUrl(p),
            ];
    }
}

/** Whether one attempt reached the target, from its exit code and output. */
export function reached(p: ProbeInputs, exitCode: number, stdout: string): boolean {
    if (exitCode !== 0) {
        return false;
    }
    if (p.kind !== "http") {
        return true;
    }
    const status = Number(stdout.trim());
    return status >= 200 && status < 400;
}

const ns = (from: string) => (from === "host" ? [] : ["-n", from]);

/** Equivalent to: `ip [-n NS] route get TO`: the route the source would use. */
export const routeGet = (p: Pick<ProbeInputs, "from" | "to">): string[] => ["ip", ...ns(p.from), "route", "get", p.to];

/** Equivalent to: `ip [-n NS] -j -d link show`: every link of the source (or the host), with its kind. */
export const linksOf = (from: string): string[] => ["ip", ...ns(from), "-j", "-d", "link", "show"];

/** Equivalent to: `iptables -w 30 -t TABLE -L -n -v -x`: every chain of a table with exact counters. */
export const countersOf = (family: 4 | 6, table: "nat" | "filter"): string[] => [
    family === 6 ? "ip6tables" : "iptables",
    "-w",
    "30",
    "-t",
    table,
    "-L",
    "-n",
    "-v",
    "-x",
];

export { family as familyOf };
