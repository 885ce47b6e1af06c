// Network: a whole subnet in a few lines, as `docker network create` gives: a bridge holding the
// gateway, an address pool kept in state, forwarding and NAT out, members attached to it (a
// namespace, its veth, addresses and default routes, optionally its resolver) and ports published.
import * as pulumi from "@pulumi/pulumi";
import { AddressPool } from "./address-pool";
import { Bridge } from "./bridge";
import type { Connection } from "./connection";
import { MasqueradeRule } from "./masquerade-rule";
import { Namespace } from "./namespace";
import { gatewayOf, hostEndName, PEER_NAME, prefixOf, subnetProblem } from "./network-plan";
import { PortForward } from "./port-forward";
import { ResolvConf } from "./resolv-conf";
import { Roster } from "./roster";
import { Route } from "./route";
import { Service, type ServiceArgs } from "./service";
import { SysctlForward } from "./sysctl-forward";
import { VethPair } from "./veth-pair";

export interface NetworkArgs {
    /** The IPv4 subnet, e.g. "192.168.1.0/24"; the bridge holds its first host address, the members' gateway. */
    subnet: string;
    /** An IPv6 subnet too (dual stack), e.g. "fd00:1::/64"; its first host address is the gateway. */
    subnet6?: string;
    /** The bridge's interface name. @default the resource name */
    bridgeName?: pulumi.Input<string>;
    /** NAT to the outside for the subnet(s), except out the bridge. @default true */
    masquerade?: boolean;
    /** Forwarding on for the families in use. @default true */
    forwarding?: boolean;
    /** Name servers for the members (their /etc/netns/<ns>/resolv.conf). */
    dns?: pulumi.Input<pulumi.Input<string>[]>;
    /** As on MasqueradeRule and PortForward: ACCEPT rules where FORWARD drops by default. */
    acceptForward?: pulumi.Input<boolean>;
    /** As on MasqueradeRule and PortForward: the firewall of the NAT and published ports. @default chosen by the machine */
    firewall?: "iptables" | "nftables";
    /** Share a network the machine already has: without it, a subnet overlapping one is refused at preview. @default false */
    allowOverlap?: pulumi.Input<boolean>;
    /** The machine; absent = this one. */
    connection?: pulumi.Input<Connection>;
}

export interface AttachOptions {
    /** A fixed IPv4 address, reserved in the pool. @default the lowest free one */
    address?: string;
    /** The veth's host end. @default "ve-" + the namespace name (shortened to 15 characters) */
    hostName?: string;
    /** The veth's end inside the namespace. @default "eth0" */
    peerName?: string;
    /**
     * A program to run in the namespace under the machine's systemd (see Service), started once the
     * member's link and routes exist; a port published to this member waits until it is ready.
     * Its unit is `netns-<namespace>.service` unless it names its own.
     */
    service?: Omit<ServiceArgs, "namespace" | "connection">;
}

export interface PublishOptions {
    /** The member whose port is published. */
    member: NetworkMember;
    /** The member's port. */
    port: number;
    /** The host's port. @default port */
    hostPort?: number;
    /** Only this IPv4 address of the host. @default any local address */
    hostAddress?: pulumi.Input<string>;
    /** Only this IPv6 address of the host (dual stack). @default any local address */
    hostAddress6?: pulumi.Input<string>;
    /** @default "tcp" */
    protocol?: "tcp" | "udp";
    /** Forward a host port already in use (SSH, a listener, another forward): refused at preview without it. @default false */
    allowPortInUse?: pulumi.Input<boolean>;
}

/** One namespace on a Network: its veth, addresses, default routes and resolver. */
export class NetworkMember extends pulumi.ComponentResource {
    /** The namespace's name. */
    readonly namespace: pulumi.Output<string>;
    readonly ipv4: pulumi.Output<string>;
    /** Absent on an IPv4-only network. */
    readonly ipv6: pulumi.Output<string | undefined>;
    /** The member's veth. */
    readonly link: VethPair;
    /** The program it runs (`attach(..., { service })`), if any. */
    readonly service?: Service;

    constructor(name: string, network: Network, ns: string | Namespace, options: AttachOptions, opts: pulumi.ComponentResourceOptions) {
        super("netns:index:NetworkMember", name, {}, opts);
        const child = { parent: this };
        const { connection } = network.args;
        const namespace = typeof ns === "string" ? new Namespace(ns, { connection }, child) : ns;
        this.namespace = namespace.name;
        const mine = pulumi.all([network.pool.allocations, this.namespace]).apply(([all, key]) => all[key]);
        this.ipv4 = mine.apply((a) => a.ipv4);
        this.ipv6 = mine.apply((a) => a.ipv6);

        const { subnet, subnet6 } = network.args;
        this.link = new VethPair(
            `${name}-link`,
            {
                connection,
                hostName: options.hostName ?? this.namespace.apply(hostEndName),
                peerName: options.peerName ?? PEER_NAME,
                namespace: this.namespace,
                bridge: network.bridge.name,
                allowOverlap: network.args.allowOverlap,
                addresses: mine.apply((a) => [`${a.ipv4}/${prefixOf(subnet)}`, ...(a.ipv6 && subnet6 ? [`${a.ipv6}/${prefixOf(subnet6)}`] : [])]),
            },
            child,
        );
        const routes = [new Route(`${name}-default`, { connection, namespace: this.namespace, destination: "default", via: gatewayOf(subnet) }, child)];
        if (subnet6) {
            routes.push(new Route(`${name}-default6`, { connection, namespace: this.namespace, destination: "default", via: gatewayOf(subnet6) }, child));
        }
        if (network.args.dns !== undefined) {
            new ResolvConf(`${name}-dns`, { connection, namespace: this.namespace, nameservers: network.args.dns }, child);
        }
        if (options.service) {
            const key = typeof ns === "string" ? ns : ns.resourceName;
            this.service = new Service(
                `${name}-service`,
                { name: key, ...options.service, connection, namespace: this.namespace },
                { ...child, dependsOn: [this.link, ...routes] },
            );
        }
        this.registerOutputs({ namespace: this.namespace, ipv4: this.ipv4, ipv6: this.ipv6 });
    }
}

/**
 * A subnet with its bridge, address pool, forwarding and NAT; `attach` puts namespaces on it and
 * `publish` forwards host ports to them.
 *
 * ```ts
 * const lab = new netns.Network("lab", { bridgeName: "br0", subnet: "192.168.1.0/24" });
 * const web = lab.attach("ns1");
 * lab.attach("ns2");
 * lab.publish("http", { member: web, port: 5000 });
 * export const addresses = lab.addresses;
 * ```
 */
export class Network extends pulumi.ComponentResource {
    readonly bridge: Bridge;
    readonly pool: AddressPool;
    /** Each member's addresses, by namespace name. */
    readonly addresses: pulumi.Output<Record<string, { ipv4: string; ipv6?: string }>>;

    private readonly members = new Roster<{ key: pulumi.Input<string>; address?: string }>();

    constructor(
        readonly name: string,
        readonly args: NetworkArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("netns:index:Network", name, {}, opts);
        const child = { parent: this };
        const { connection, subnet, subnet6, acceptForward, firewall } = args;
        // Everything below is planned from the subnets: a bad one is said once, plainly, before any of it.
        const problem = subnetProblem("subnet", subnet, 4) ?? (subnet6 !== undefined ? subnetProblem("subnet6", subnet6, 6) : undefined);
        if (problem) {
            throw new pulumi.ResourceError(`Network "${name}": ${problem}`, this, true);
        }
        const cidrs = [subnet, ...(subnet6 ? [subnet6] : [])];

        this.bridge = new Bridge(
            name,
            {
                connection,
                name: args.bridgeName ?? name,
                addresses: cidrs.map((cidr) => `${gatewayOf(cidr)}/${prefixOf(cidr)}`),
                allowOverlap: args.allowOverlap,
            },
            child,
        );
        this.pool = new AddressPool(name, { network: name, subnet, subnet6, members: pulumi.output(this.members.all) }, child);
        this.addresses = this.pool.allocations;

        if (args.forwarding ?? true) {
            new SysctlForward(`${name}-forward`, { connection, ipv4: true, ipv6: subnet6 !== undefined }, child);
        }
        if (args.masquerade ?? true) {
            for (const [i, cidr] of cidrs.entries()) {
                new MasqueradeRule(
                    `${name}-nat${i === 0 ? "" : "6"}`,
                    {
                        connection,
                        sourceCidr: cidr,
                        excludeOutInterface: this.bridge.name,
                        acceptForward,
                        firewall,
                    },
                    child,
                );
            }
        }
        this.registerOutputs({ addresses: this.addresses });
    }

    /** Puts a namespace on the network: a new Namespace of that name, or one made elsewhere. */
    attach(ns: string | Namespace, options: AttachOptions = {}): NetworkMember {
        const key = typeof ns === "string" ? ns : ns.resourceName;
        this.members.add(
            { key: typeof ns === "string" ? ns : ns.name, ...(options.address ? { address: options.address } : {}) },
            `Network "${this.name}": attach("${key}") came after the program was declared; ` +
                "call attach() in the program's own code, not inside an apply() or after an await",
        );
        return new NetworkMember(`${this.name}-${key}`, this, ns, options, { parent: this });
    }

    /** Forwards a host port to a member's port: IPv4, and IPv6 too on a dual-stack network. */
    publish(name: string, options: PublishOptions): PortForward[] {
        const { connection, acceptForward, subnet6, firewall } = this.args;
        const common = {
            connection,
            acceptForward,
            firewall,
            protocol: options.protocol,
            allowPortInUse: options.allowPortInUse,
            hostPort: options.hostPort ?? options.port,
            targetPort: options.port,
        };
        // A member's program listens before its port is forwarded.
        const opts = { parent: this, dependsOn: options.member.service ? [options.member.service] : [] };
        return [
            new PortForward(`${this.name}-${name}`, { ...common, targetAddress: options.member.ipv4, hostAddress: options.hostAddress }, opts),
            ...(subnet6
                ? [
                      new PortForward(
                          `${this.name}-${name}-v6`,
                          {
                              ...common,
                              targetAddress: options.member.ipv6.apply((a) => a ?? ""),
                              hostAddress: options.hostAddress6,
                          },
                          opts,
                      ),
                  ]
                : []),
        ];
    }
}
