// Runs a probe on its machine: attempts until one meets the expectation, and when the last one does
// not, reads what the diagnosis needs, with the counters taken around that last attempt.

import { claimsPort } from "../../guard/port-claims";
import { readListeners, readPortClaims } from "../../guard/read-machine";
import type { Host } from "../../host/host";
import { outputOrNothing as read } from "../../host/optional-read";
import { parseAddresses, parseLinks } from "../../linux/ip-json";
import { listChain } from "../../linux/iptables-argv";
import { parsePolicy } from "../../linux/iptables-listing";
import { IPV4_FORWARD, IPV6_FORWARD, sysctlRead } from "../../linux/sysctl-argv";
import { canonicalIp } from "../../schemas/addresses";
import { diagnosis, movedCounters, type PathFacts, parseCounters } from "./diagnosis";
import { countersOf, familyOf, linksOf, probeArgv, reached, routeGet } from "./probe-argv";
import type { ProbeInputs } from "./schema";

export interface ProbeOutcome {
    result: "reachable" | "unreachable";
    /** Set when the result is not the expected one: why, as a message. */
    failure?: string;
}

const PAUSE_MS = 1000;

async function attempt(host: Host, p: ProbeInputs): Promise<boolean> {
    const r = await host.run(probeArgv(p));
    return reached(p, r.exitCode, r.stdout);
}

const linksDownIn = (listing: string | undefined, where: string, all: boolean): string[] =>
    parseLinks(listing ?? "")
        .filter((l) => !l.up && l.name !== "lo" && (all || l.kind === "veth" || l.kind === "bridge" || l.kind === "vxlan"))
        .map((l) => `${l.name} (${where})`);

/** Whether a DNAT rule of the host forwards the probed port, and whether a process on the host listens on it. */
async function portFacts(host: Host, p: ProbeInputs, family: 4 | 6) {
    const port = p.port ?? 80;
    const [claims, listeners] = await Promise.all([readPortClaims(host, family), readListeners(host)]);
    return {
        // The host's own connections meet OUTPUT's rules, everyone else's PREROUTING's (and the chains it jumps to).
        forwarded: claims.some((c) => c.protocol === "tcp" && claimsPort(c, port) && (p.from === "host") === (c.chain === "OUTPUT")),
        listening: listeners.some((l) => l.protocol === "tcp" && l.port === port),
    };
}

export async function runProbe(host: Host, p: ProbeInputs): Promise<ProbeOutcome> {
    const wanted = p.expect === "reachable";
    for (let i = 1; i < p.attempts; i++) {
        if ((await attempt(host, p)) === wanted) {
            return { result: p.expect };
        }
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    // The last attempt, between two readings of the counters.
    const family = familyOf(p.to);
    const countersNow = () => Promise.all([read(host, countersOf(family, "filter")), read(host, countersOf(family, "nat"))]);
    const [filterBefore, natBefore] = await countersNow();
    const ok = await attempt(host, p);
    if (ok === wanted) {
        return { result: p.expect };
    }
    const [filterAfter, natAfter] = await countersNow();
    const [route, sourceLinks, hostLinks, forwarding, policy, addresses] = await Promise.all([
        host.run(routeGet(p)).catch((e: Error) => ({ exitCode: 1, stdout: "", stderr: e.message })),
        p.from === "host" ? Promise.resolve(undefined) : read(host, linksOf(p.from)),
        read(host, linksOf("host")),
        read(host, sysctlRead(family === 6 ? IPV6_FORWARD : IPV4_FORWARD)),
        read(host, listChain(family, "filter", "FORWARD")),
        read(host, ["ip", "-j", "addr", "show"]),
    ]);
    const forward = movedCounters(parseCounters(filterBefore ?? ""), parseCounters(filterAfter ?? ""));
    const targetIsLocal = parseAddresses(addresses ?? "").some((a) => canonicalIp(a.cidr.split("/")[0]) === canonicalIp(p.to));
    const facts: PathFacts = {
        route: { ok: route.exitCode === 0, text: (route.exitCode === 0 ? route.stdout : route.stderr).trim().split("\n")[0] ?? "" },
        linksDown: [...linksDownIn(sourceLinks, p.from, true), ...linksDownIn(hostLinks, "host", false)],
        ...(forwarding !== undefined ? { forwarding: forwarding.trim() === "1" } : {}),
        ...(policy && parsePolicy(policy) ? { forwardPolicy: parsePolicy(policy) } : {}),
        forward,
        nat: { rules: movedCounters(parseCounters(natBefore ?? ""), parseCounters(natAfter ?? "")).rules },
        targetIsLocal,
        ...(targetIsLocal && p.kind !== "ping" ? { port: await portFacts(host, p, family) } : {}),
    };
    const result = ok ? "reachable" : "unreachable";
    return { result, failure: diagnosis(p, result, facts) };
}
