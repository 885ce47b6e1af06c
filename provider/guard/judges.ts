// The guard rails as judgements of a resource against the machine it would change, run at preview
// (this machine, or a remote one whose connection is known) and again before a remote create:
// a subnet or address overlapping the machine's networks, a forward of a port in use.
import { isIPv6 } from "node:net";
import type { Host } from "../host/host";
import { printableLine } from "../host/limits";
import type { Connection } from "../schemas/connection";
import { describeListener, takesTrafficOf } from "./listeners";
import { findOverlaps, type MachineNetwork, machineNetworks, overlapReason, overlaps } from "./overlap";
import { competingClaims, describeClaim, type PortClaim } from "./port-claims";
import { readListeners, readMachineView, readPortClaims } from "./read-machine";

export interface Failure {
    property: string;
    reason: string;
}

/** The resource being judged: its owner labels (from its state and its new inputs), so its own objects never count. */
export interface Self {
    own: readonly string[];
    /** A rule made by hand that this resource adopts (takes the place of): not a competitor. */
    adopts?: (claim: PortClaim) => boolean;
}

const notOwn = (self: Self) => (n: MachineNetwork) => !(n.owner && self.own.includes(n.owner));

/**
 * A Bridge's addresses against every network of the machine but its own: a bridge overlapping
 * another (the uplink, Docker's, another stack's) takes traffic meant for it. A link of the same
 * name is left to create, which refuses it by name.
 */
export async function bridgeOverlap(
    host: Host,
    b: { name: string; addresses: readonly string[]; allowOverlap?: boolean },
    where: string,
    self: Self,
): Promise<Failure | undefined> {
    if (b.allowOverlap || b.addresses.length === 0) {
        return undefined;
    }
    const networks = machineNetworks(await readMachineView(host)).filter((n) => n.device !== b.name && notOwn(self)(n));
    const found = findOverlaps(b.addresses, networks);
    return found.length > 0 ? { property: "addresses", reason: overlapReason(found, where) } : undefined;
}

/**
 * A VethPair's addresses (inside its namespace) against the networks of the machine that
 * pulumi-netns did not make: a member on the uplink's network shadows the machine's own neighbours
 * and gateway. Its own bridge's network is where it belongs, whoever made that bridge.
 */
export async function vethOverlap(
    host: Host,
    v: { bridge?: string; addresses: readonly string[]; allowOverlap?: boolean },
    where: string,
): Promise<Failure | undefined> {
    if (v.allowOverlap || v.addresses.length === 0) {
        return undefined;
    }
    const networks = machineNetworks(await readMachineView(host)).filter((n) => !n.owner && (v.bridge === undefined || n.device !== v.bridge));
    const found = findOverlaps(v.addresses, networks);
    return found.length > 0 ? { property: "addresses", reason: overlapReason(found, where) } : undefined;
}

/**
 * A Route of the host's own table whose destination covers, or lies in, a network of the machine
 * that pulumi-netns did not make: traffic for that network (the uplink's gateway, an SSH client)
 * would leave the wrong way. The network its gateway or device is on is where it belongs. A default
 * route that would win over the machine's own (lower or equal metric) is refused the same way.
 */
export async function routeOverlap(
    host: Host,
    r: { destination: string; namespace?: string; via?: string; device?: string; metric?: number; allowOverlap?: boolean },
    where: string,
): Promise<Failure | undefined> {
    if (r.allowOverlap || r.namespace !== undefined) {
        return undefined;
    }
    const view = await readMachineView(host);
    if (r.destination === "default") {
        const family = r.via && isIPv6(r.via) ? 6 : 4;
        const metric = r.metric ?? (family === 6 ? 1024 : 0);
        const theirs = view.routes.find((x) => x.family === family && x.destination === "default" && !x.owned && x.metric >= metric);
        if (!theirs) {
            return undefined;
        }
        const line = printableLine(`default${theirs.via ? ` via ${theirs.via}` : ""}${theirs.device ? ` dev ${theirs.device}` : ""} metric ${theirs.metric}`);
        return {
            property: "destination",
            reason:
                `a default route with metric ${metric} in the host's own table would take the place of the machine's default route ` +
                `(${line}) on ${where}, and with it the way in (an SSH session); give this Route a metric above ${theirs.metric}, ` +
                "put it in a namespace, or set allowOverlap: true if you mean to replace the machine's default route",
        };
    }
    const networks = machineNetworks(view).filter((n) => !n.owner && n.device !== r.device && !(r.via !== undefined && overlaps(n.network, r.via)));
    const found = findOverlaps([r.destination], networks);
    return found.length > 0 ? { property: "destination", reason: overlapReason(found, where) } : undefined;
}

export interface ForwardClaim {
    protocol: string;
    hostPort: number;
    hostAddress?: string;
    targetAddress: string;
    targetPort: number;
    allowPortInUse?: boolean;
    connection?: Connection;
}

const WAY_OUT = "pick another hostPort, or set allowPortInUse: true (Network.publish takes it too) if you mean to take that port's traffic";

/**
 * A PortForward of a port in use: the connection's SSH port (the way in: forwarded, no later run
 * reaches the machine), a port a process listens on for that address and protocol, or a port
 * another DNAT rule (another stack's, Docker's, an admin's) already forwards.
 */
export async function portInUse(host: Host, p: ForwardClaim, where: string, self: Self): Promise<Failure | undefined> {
    if (p.allowPortInUse) {
        return undefined;
    }
    const family = isIPv6(p.targetAddress) ? 6 : 4;
    const port = `${p.protocol} port ${p.hostPort}${p.hostAddress ? ` on ${p.hostAddress}` : ""}`;
    const target = family === 6 ? `[${p.targetAddress}]:${p.targetPort}` : `${p.targetAddress}:${p.targetPort}`;
    const sshPort = p.connection?.port ?? 22;
    if (p.connection && p.protocol === "tcp" && p.hostPort === sshPort) {
        return {
            property: "hostPort",
            reason:
                `${port} is the SSH port this resource reaches ${where} by: forwarded to ${target}, every later connection ` +
                `(this stack's next run, yours) would reach ${target} instead of the machine; ${WAY_OUT}`,
        };
    }
    const [listeners, claims] = await Promise.all([readListeners(host), readPortClaims(host, family)]);
    const listening = listeners.filter((l) => takesTrafficOf(l, { protocol: p.protocol, port: p.hostPort, hostAddress: p.hostAddress, family }));
    if (listening.length > 0) {
        return {
            property: "hostPort",
            reason:
                `${port} is in use on ${where}: ${listening.map(describeListener).join("; ")}; forwarded, its connections would ` +
                `go to ${target} instead of that process; ${WAY_OUT}`,
        };
    }
    const held = competingClaims(claims, { protocol: p.protocol, port: p.hostPort, hostAddress: p.hostAddress }, self.own).filter((c) => !self.adopts?.(c));
    if (held.length > 0) {
        return {
            property: "hostPort",
            reason: `${port} is already forwarded on ${where} by ${held.map(describeClaim).join("; ")}: only the first matching rule ever sees a connection; ${WAY_OUT}`,
        };
    }
    return undefined;
}
