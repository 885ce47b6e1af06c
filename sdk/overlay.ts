// Overlay: one subnet across several machines, joined by VXLAN. On every machine a bridge holding
// that machine's own gateway address, a VxlanTunnel meshed to every other machine, forwarding and
// NAT out of that machine; `attach` puts a namespace on one machine, its address from one pool
// shared by all of them. MTUs are the underlay's minus the VXLAN overhead.
import * as pulumi from "@pulumi/pulumi";
import type { HostNetwork } from "../shared/host-network";
import { AddressPool } from "./address-pool";
import { Bridge } from "./bridge";
import type { Connection } from "./connection";
import { readOutput } from "./host-network";
import { MasqueradeRule } from "./masquerade-rule";
import { Namespace } from "./namespace";
import { hostEndName, PEER_NAME, prefixOf } from "./network-plan";
import { Roster } from "./roster";
import { Route } from "./route";
import { SysctlForward } from "./sysctl-forward";
import { VethPair } from "./veth-pair";
import { VxlanTunnel } from "./vxlan-tunnel";

export interface OverlayHost {
    /** How to reach the machine; absent = this one. */
    connection?: pulumi.Input<Connection>;
    /** The machine's address on the network the machines share (the underlay): tunnels run between these. */
    underlayAddress: pulumi.Input<string>;
    /** As on MasqueradeRule: the firewall of this machine's NAT rule. @default chosen by the machine */
    firewall?: "iptables" | "nftables";
}

export interface OverlayArgs {
    /** The VXLAN network identifier, 1-16777215. */
    vni: number;
    /** The overlay's IPv4 subnet, e.g. "10.42.0.0/16": gateways and members take addresses from it. */
    subnet: string;
    /** The machines, by a short name of your choosing. */
    hosts: Record<string, OverlayHost>;
    /** The underlay MTU. @default read from each machine: the MTU of the link holding its underlayAddress */
    underlayMtu?: number;
    /** The UDP port of the tunnels. @default 4789 */
    dstPort?: number;
    /** The bridge's name on every machine. @default "ov" + vni */
    bridgeName?: string;
    /** NAT to the outside for the subnet, out of each machine. @default true */
    masquerade?: boolean;
    /** Share a network a machine already has: without it, a subnet overlapping one is refused at preview. @default false */
    allowOverlap?: boolean;
}

/** One namespace on one machine of an Overlay: its veth, address and default route (via that machine's gateway). */
export class OverlayMember extends pulumi.ComponentResource {
    /** The namespace's name. */
    readonly namespace: pulumi.Output<string>;
    readonly ipv4: pulumi.Output<string>;
    readonly link: VethPair;

    constructor(name: string, overlay: Overlay, host: string, ns: string, opts: pulumi.ComponentResourceOptions) {
        super("netns:index:OverlayMember", name, {}, opts);
        const child = { parent: this };
        const { connection } = overlay.args.hosts[host];
        // Resource names carry the machine: the same namespace name may live on several machines.
        const namespace = new Namespace(`${host}-${ns}`, { connection, name: ns }, child);
        this.namespace = namespace.name;
        this.ipv4 = overlay.addressOf(memberKey(host, ns));
        this.link = new VethPair(
            `${name}-link`,
            {
                connection,
                hostName: hostEndName(ns),
                peerName: PEER_NAME,
                namespace: this.namespace,
                bridge: overlay.bridgeOf(host).name,
                allowOverlap: overlay.args.allowOverlap,
                addresses: this.ipv4.apply((a) => [`${a}/${prefixOf(overlay.args.subnet)}`]),
                mtu: overlay.mtuOf(host),
            },
            child,
        );
        new Route(`${name}-default`, { connection, namespace: this.namespace, destination: "default", via: overlay.gatewayOf(host) }, child);
        this.registerOutputs({ namespace: this.namespace, ipv4: this.ipv4 });
    }
}

const gatewayKey = (host: string) => `gw.${host}`;
const memberKey = (host: string, ns: string) => `${host}.${ns}`;

/** VXLAN's own headers over the underlay: outer IP, UDP, VXLAN and inner Ethernet. */
const overheadOf = (underlay: string) => (underlay.includes(":") ? 70 : 50);

/** The MTU of the link of a machine that holds its underlay address. */
function underlayMtuOf(overlay: string, host: string, machine: pulumi.Output<HostNetwork>, underlay: pulumi.Input<string>) {
    return pulumi.all([machine, underlay]).apply(([net, address]) => {
        const holder = net.links.find((l) => l.addresses.some((a) => a.split("/")[0] === address));
        if (!holder) {
            throw new Error(`Overlay "${overlay}": no link of host "${host}" (${net.machine}) holds the underlay address ${address}`);
        }
        return holder.mtu;
    });
}

/**
 * One subnet over several machines.
 *
 * ```ts
 * const lab = new netns.Overlay("lab", {
 *     vni: 42,
 *     subnet: "10.42.0.0/16",
 *     hosts: { a: { underlayAddress: "10.77.0.2" }, b: { connection, underlayAddress: "10.77.0.3" } },
 * });
 * const web = lab.attach("b", "ns2");
 * export const webAddress = web.ipv4;
 * ```
 */
export class Overlay extends pulumi.ComponentResource {
    readonly pool: AddressPool;
    /** The bridge's name on every machine. */
    readonly bridgeName: string;
    /** Each machine's gateway and each member's address, by key ("gw.a", "b.ns2"). */
    readonly addresses: pulumi.Output<Record<string, { ipv4: string }>>;

    private readonly mtus: Record<string, pulumi.Output<number>> = {};
    private readonly bridges: Record<string, Bridge> = {};
    private readonly members = new Roster<{ key: string }>();

    constructor(
        readonly name: string,
        readonly args: OverlayArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("netns:index:Overlay", name, {}, opts);
        const child = { parent: this };
        const hosts = Object.keys(args.hosts);
        for (const host of hosts) {
            if (!/^[A-Za-z0-9_-]{1,32}$/.test(host)) {
                throw new Error(`Overlay "${name}": host name "${host}" must be 1-32 characters of A-Z, a-z, 0-9, _ and -`);
            }
        }
        this.bridgeName = args.bridgeName ?? `ov${args.vni}`;
        // The machines' gateways first, then the members the program attaches.
        const members = this.members.all.then((attached) => [...hosts.map((h) => ({ key: gatewayKey(h) })), ...attached]);
        this.pool = new AddressPool(name, { network: name, subnet: args.subnet, members: pulumi.output(members) }, child);
        this.addresses = this.pool.allocations;

        for (const [host, spec] of Object.entries(args.hosts)) {
            const { connection, underlayAddress } = spec;
            // Read once by the provider at program time (preview included), for the underlay's MTU and the guard rail.
            const read =
                args.underlayMtu === undefined || !args.allowOverlap
                    ? readOutput(
                          connection,
                          (r) => pulumi.all([r.network, r.overlapReason]),
                          args.allowOverlap ? undefined : { subnet: args.subnet, except: this.bridgeName },
                      )
                    : undefined;
            const machine = read?.apply(([net]) => net);
            const underlayMtu = args.underlayMtu !== undefined ? pulumi.output(args.underlayMtu) : underlayMtuOf(name, host, machine!, underlayAddress);
            if (!args.allowOverlap) {
                this.refuseOverlap(
                    host,
                    read!.apply(([, reason]) => reason ?? ""),
                );
            }
            // A number read over a secret connection is no secret: kept plain, previews show it.
            this.mtus[host] = pulumi.unsecret(pulumi.all([underlayMtu, underlayAddress]).apply(([mtu, address]) => mtu - overheadOf(address)));
            const at = (suffix: string) => `${name}-${host}${suffix}`;
            const bridge = new Bridge(
                at(""),
                {
                    connection,
                    name: this.bridgeName,
                    addresses: [this.gatewayOf(host).apply((g) => `${g}/${prefixOf(args.subnet)}`)],
                    mtu: this.mtus[host],
                    allowOverlap: args.allowOverlap,
                },
                child,
            );
            this.bridges[host] = bridge;
            new VxlanTunnel(
                at("-vxlan"),
                {
                    connection,
                    name: `vx${args.vni}`,
                    vni: args.vni,
                    localAddress: underlayAddress,
                    remotes: hosts.filter((h) => h !== host).map((h) => args.hosts[h].underlayAddress),
                    dstPort: args.dstPort,
                    bridge: bridge.name,
                    mtu: this.mtus[host],
                },
                child,
            );
            new SysctlForward(at("-forward"), { connection }, child);
            if (args.masquerade ?? true) {
                new MasqueradeRule(
                    at("-nat"),
                    { connection, sourceCidr: args.subnet, excludeOutInterface: bridge.name, firewall: args.hosts[host].firewall },
                    child,
                );
            }
        }
        this.registerOutputs({ addresses: this.addresses });
    }

    /**
     * The guard rail for the subnet, at program time: its gateways come from the pool, unknown to the
     * bridges' own check at a first preview, so the provider judges the subnet itself against each
     * machine's networks (its own bridge, by name, aside) and the component fails the program naming both.
     */
    private refuseOverlap(host: string, reason: pulumi.Output<string>): void {
        reason.apply((found) => {
            if (found) {
                throw new pulumi.ResourceError(`Overlay "${this.name}": subnet on host "${host}": ${found}`, this, true);
            }
        });
    }

    /** The address the pool gave a key. */
    addressOf(key: string): pulumi.Output<string> {
        return this.addresses.apply((all) => all[key].ipv4);
    }

    /** A machine's own gateway address in the subnet (on its bridge). */
    gatewayOf(host: string): pulumi.Output<string> {
        return this.addressOf(gatewayKey(host));
    }

    /** The overlay's bridge on a machine. */
    bridgeOf(host: string): Bridge {
        return this.bridges[host];
    }

    /** The MTU of the overlay's links on a machine. */
    mtuOf(host: string): pulumi.Output<number> {
        return this.mtus[host];
    }

    /** Puts a new namespace on one machine of the overlay. */
    attach(host: string, ns: string): OverlayMember {
        if (!(host in this.args.hosts)) {
            throw new Error(`Overlay "${this.name}": attach("${host}", "${ns}"): no host "${host}" (hosts: ${Object.keys(this.args.hosts).join(", ")})`);
        }
        this.members.add(
            { key: memberKey(host, ns) },
            `Overlay "${this.name}": attach("${host}", "${ns}") came after the program was declared; call it in the program's own code`,
        );
        return new OverlayMember(`${this.name}-${host}-${ns}`, this, host, ns, { parent: this });
    }
}
