// The triage people do by hand when traffic does not flow, as pure functions of what the probe read:
// the route the source would use, links down on the way, forwarding, the FORWARD policy and which
// rules' counters moved during the last attempt, and the NAT rules that matched (or none).
import { printableLine } from "../../host/limits";
import type { ProbeInputs } from "./schema";

interface Chain {
    name: string;
    policy?: string;
    policyPackets: number;
    rules: { packets: number; text: string }[];
}

/** Parses `iptables -L -n -v -x`: each chain's policy and packet counters, rule by rule. */
export function parseCounters(listing: string): Chain[] {
    const chains: Chain[] = [];
    for (const line of listing.split("\n")) {
        const header = /^Chain (\S+) \((?:policy (\S+) (\d+) packets|\d+ references)/.exec(line);
        if (header) {
            chains.push({ name: header[1], policy: header[2], policyPackets: Number(header[3] ?? 0), rules: [] });
            continue;
        }
        const rule = /^\s*(\d+)\s+\d+\s+(.*\S)\s*$/.exec(line);
        if (rule && chains.length > 0) {
            chains[chains.length - 1].rules.push({ packets: Number(rule[1]), text: rule[2].replace(/\s+/g, " ") });
        }
    }
    return chains;
}

/** The rules (and policies) whose packet counters grew between two listings of one table. */
export function movedCounters(before: Chain[], after: Chain[]): { rules: string[]; policies: string[] } {
    const rules: string[] = [];
    const policies: string[] = [];
    for (const chain of after) {
        const old = before.find((c) => c.name === chain.name);
        if (chain.policy && chain.policyPackets > (old?.policyPackets ?? 0)) {
            policies.push(`${chain.name} policy ${chain.policy}`);
        }
        chain.rules.forEach((rule, i) => {
            if (rule.packets > (old?.rules[i]?.packets ?? 0)) {
                rules.push(printableLine(`${chain.name}: ${rule.text}`));
            }
        });
    }
    return { rules, policies };
}

/** What the probe read about the path, on the machine it ran on. */
export interface PathFacts {
    /** `ip route get` from the source: its answer, or its error. */
    route: { ok: boolean; text: string };
    /** Links not up: in the source namespace, and veths and bridges on the host. */
    linksDown: string[];
    /** The host's forwarding switch for the target's family; absent if unreadable. */
    forwarding?: boolean;
    forwardPolicy?: string;
    /** Counters that moved during the last attempt. */
    forward: { rules: string[]; policies: string[] };
    nat: { rules: string[] };
    /** The target is one of the host's own addresses (a port forward's front door). */
    targetIsLocal: boolean;
    /** For tcp and http probes of a host address: a DNAT rule of the host forwards the port; a process on the host listens on it. */
    port?: { forwarded: boolean; listening: boolean };
}

const describe = (p: ProbeInputs): string =>
    `${p.kind === "ping" ? "ping" : `${p.kind} to port ${p.port ?? 80}`} from ${p.from === "host" ? "the host" : p.from} to ${p.to}`;

/** The most likely reason the traffic did not flow, in triage order; undefined when none stands out. */
export function likelyCause(p: ProbeInputs, f: PathFacts): string | undefined {
    if (!f.route.ok) {
        return `no route from ${p.from === "host" ? "the host" : p.from} to ${p.to} (${printableLine(f.route.text)})`;
    }
    if (f.linksDown.length > 0) {
        return `${f.linksDown.map(printableLine).join(", ")} ${f.linksDown.length === 1 ? "is" : "are"} down`;
    }
    const routed = / via /.test(f.route.text);
    const forwarded = f.nat.rules.some((r) => /DNAT/.test(r));
    const key = p.to.includes(":") ? "net.ipv6.conf.all.forwarding" : "net.ipv4.ip_forward";
    if (f.forwarding === false && (routed || forwarded)) {
        return `forwarding is off on the host (${key} = 0), so it does not pass traffic between its interfaces: a SysctlForward turns it on`;
    }
    if (f.forward.policies.some((x) => / DROP$/.test(x))) {
        return `the FORWARD chain's policy DROP dropped it: set acceptForward: true on the resource, or accept the traffic in FORWARD`;
    }
    if (f.targetIsLocal && p.kind !== "ping" && f.nat.rules.length === 0) {
        const port = p.port ?? 80;
        if (f.port && !f.port.forwarded && !f.port.listening) {
            return (
                `nothing on the host listens on port ${port} and no NAT rule forwards it: start the service there, or publish it ` +
                "with a PortForward (`pulumi refresh` shows one that was deleted)"
            );
        }
        if (f.port?.listening) {
            return `no NAT rule forwards ${p.to} port ${port}: a process on the host listens on it, so is that service answering?`;
        }
        if (f.port?.forwarded) {
            return `a DNAT rule forwards port ${port} but did not match this connection (its hostAddress or inInterface does not fit ${p.to} from ${p.from === "host" ? "the host" : p.from})`;
        }
        return `no NAT rule matched, so nothing forwards ${p.to} port ${port} (is its PortForward there? \`pulumi refresh\` shows it gone)`;
    }
    return undefined;
}

/** The message `up` fails with: what was tried, what happened, the path as the kernel sees it now, and the likely cause. */
export function diagnosis(p: ProbeInputs, result: "reachable" | "unreachable", f: PathFacts): string {
    const lines = [
        `${describe(p)}: ${result} after ${p.attempts} attempt${p.attempts === 1 ? "" : "s"} of ${p.timeoutSeconds} s, expected ${p.expect}.`,
        "The path as the kernel sees it now:",
        `  route: ${printableLine(f.route.text)}`,
        `  links down: ${f.linksDown.length > 0 ? f.linksDown.map(printableLine).join(", ") : "none"}`,
        `  forwarding on the host: ${f.forwarding === undefined ? "unknown" : f.forwarding ? "on" : "off"}`,
        `  FORWARD policy: ${f.forwardPolicy ?? "unknown"}; counters that moved: ${[...f.forward.policies, ...f.forward.rules].join("; ") || "none"}`,
        `  NAT rules that matched: ${f.nat.rules.join("; ") || "none"}`,
    ];
    if (result === "unreachable") {
        lines.push(`Likely cause: ${likelyCause(p, f) ?? "none of the usual ones; is something listening on the target?"}`);
    }
    return lines.join("\n");
}
