// Pure: each kind's boot plan entry from its state, made of the same argv builders the kind runs
// (ip-argv, fdb, the rule builders), so what comes back at boot is what `up` made.

import { fdbAppend } from "../linux/fdb";
import * as ip from "../linux/ip-argv";
import type { Rule } from "../linux/iptables-argv";
import { ownerLabel } from "../resources/common/owner";
import { type BootCommand, type BootEntry, PHASES } from "./entry";

const at = (phase: BootCommand["phase"], argv: readonly string[]): BootCommand => ({ phase, argv });

export function namespaceEntry(s: { name: string; loopbackUp: boolean; ownerTag: string }): BootEntry {
    return {
        guards: { namespaces: [s.name] },
        commands: [
            at(PHASES.namespaces, ip.netnsAdd(s.name)),
            at(PHASES.inside, ip.linkConfigure("lo", { alias: ownerLabel(s.ownerTag), up: s.loopbackUp }, s.name)),
        ],
    };
}

export function bridgeEntry(s: { name: string; addresses: readonly string[]; mtu?: number; ownerTag: string }): BootEntry {
    return {
        guards: { links: [s.name] },
        commands: [
            at(PHASES.bridges, ip.bridgeAdd(s.name, s.mtu)),
            at(PHASES.bridges, ip.linkConfigure(s.name, { alias: ownerLabel(s.ownerTag), up: true })),
            ...s.addresses.map((cidr) => at(PHASES.bridges, ip.addrAdd(cidr, s.name))),
        ],
    };
}

export function vethEntry(s: {
    hostName: string;
    peerName: string;
    namespace: string;
    bridge?: string;
    addresses: readonly string[];
    mtu?: number;
    ownerTag: string;
}): BootEntry {
    const alias = ownerLabel(s.ownerTag);
    return {
        guards: { links: [s.hostName] },
        commands: [
            at(PHASES.links, ip.vethAdd(s.hostName, s.peerName, s.namespace, s.mtu)),
            at(PHASES.links, ip.linkConfigure(s.hostName, { alias, master: s.bridge, up: true })),
            at(PHASES.inside, ip.linkConfigure(s.peerName, { alias, up: true }, s.namespace)),
            ...s.addresses.map((cidr) => at(PHASES.inside, ip.addrAdd(cidr, s.peerName, s.namespace))),
        ],
    };
}

export function vxlanEntry(s: {
    name: string;
    vni: number;
    localAddress: string;
    dstPort: number;
    remotes: readonly string[];
    bridge?: string;
    mtu?: number;
    ownerTag: string;
}): BootEntry {
    return {
        guards: { links: [s.name] },
        commands: [
            at(PHASES.links, ip.vxlanAdd(s.name, { vni: s.vni, local: s.localAddress, dstPort: s.dstPort }, s.mtu)),
            at(PHASES.links, ip.linkConfigure(s.name, { alias: ownerLabel(s.ownerTag), master: s.bridge, up: true })),
            ...s.remotes.map((remote) => at(PHASES.fdb, fdbAppend(s.name, remote))),
        ],
    };
}

/**
 * A route exactly as the kernel holds it (metric, gateway, device, proto 245). A batch line takes
 * no `-4`/`-6`: the family comes from the addresses, so an IPv6 default is spelled `::/0`.
 */
export function routeEntry(spec: ip.RouteSpec, namespace: string | undefined): BootEntry {
    const destination = spec.family === 6 && spec.destination === "default" ? "::/0" : spec.destination;
    const argv = ip.routeAdd({ ...spec, destination }, namespace).filter((word) => word !== `-${spec.family}`);
    return { commands: [at(PHASES.routes, argv)] };
}

export const rulesEntry = (rules: readonly Rule[]): BootEntry => ({ rules });
