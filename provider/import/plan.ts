// Pure: from a machine snapshot to the program that declares, for adoption, every object of it
// that a pulumi-netns kind can manage and no stack owns: namespaces, bridges, veth pairs between the
// host and a namespace, routes someone added in namespaces, forwarding, and the nat rules that are
// exactly a MasqueradeRule's or a PortForward's. Everything else is listed as left alone.

import { overlaps } from "../guard/overlap";
import type { HostLink } from "../inspect/host-network";
import { OWNER_PREFIX } from "../resources/common/owner";
import type { LeftAlone, PlannedResource, ProgramModel, Ref, Value } from "./model";
import { type HandForward, type HandMasquerade, handMadeNat } from "./nat-rules";
import type { MachineSnapshot } from "./snapshot";

/** Bridges other software made and keeps (Docker's networks, libvirt's, LXC's, CNI's): never declared. */
const FOREIGN_BRIDGE = /^(docker\d+|br-[0-9a-f]{12}|virbr\d+(-nic)?|lxcbr\d+|lxdbr\d+|cni\d+|podman\d+|cilium_.*|flannel\..*)$/;

const DEFAULT_MTU = 1500;

const ref = (name: string, field = "name"): Ref => ({ ref: name, field });

/** Unique resource names: the kernel name, or with the kind after it when another resource has it. */
class Names {
    private readonly used = new Set<string>();
    take(wanted: string, suffix: string): string {
        let name = this.used.has(wanted) ? `${wanted}-${suffix}` : wanted;
        for (let i = 2; this.used.has(name); i++) {
            name = `${wanted}-${suffix}${i}`;
        }
        this.used.add(name);
        return name;
    }
}

/** "default", "10.0.0.0/8" -> "10-0-0-0-8", for a route's resource name. */
const destinationWord = (d: string) => (d === "default" ? "default" : d.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, ""));

export function planImport(snapshot: MachineSnapshot, options: { remote?: boolean } = {}): ProgramModel {
    const { network } = snapshot;
    const names = new Names();
    const resources: PlannedResource[] = [];
    const leftAlone: LeftAlone[] = [];
    const add = (r: PlannedResource) => {
        resources.push(r);
        return r;
    };
    const adopt: [string, Value] = ["adopt", true];

    // The host end of a namespace's veth, checked both ways (ifindexes are per namespace).
    const hostEndOf = (nsName: string, peer: HostLink) =>
        network.links.find(
            (l) =>
                l.kind === "veth" &&
                l.index === peer.peerIndex &&
                (l.peerIndex === undefined || l.peerIndex === peer.index) &&
                (snapshot.peerNamespaceOf[l.name] === undefined || snapshot.peerNamespaceOf[l.name] === nsName),
        );

    // Namespaces: empty ones, and those hanging off this host by a veth (not the uplink's other end).
    const namespaceRes = new Map<string, string>();
    for (const ns of network.namespaces) {
        if (ns.owned) {
            leftAlone.push({ what: `namespace ${ns.name}`, why: "a stack owns it" });
            continue;
        }
        const others = ns.links.filter((l) => l.name !== "lo");
        const hostEnds = others.filter((l) => l.kind === "veth" && l.peerIndex !== undefined).map((l) => hostEndOf(ns.name, l));
        const uplinkEnd = hostEnds.some((h) => h && (h.name === network.uplink || h.name === network.uplink6));
        if (others.length > 0 && (uplinkEnd || !hostEnds.some((h) => h !== undefined))) {
            leftAlone.push({
                what: `namespace ${ns.name}`,
                why: uplinkEnd ? "it holds the other end of the uplink: the network outside" : "wired only to other namespaces, a topology of its own",
            });
            continue;
        }
        const name = names.take(ns.name, "ns");
        const lo = ns.links.find((l) => l.name === "lo");
        const props: [string, Value][] = [];
        if (name !== ns.name) {
            props.push(["name", ns.name]);
        }
        if (lo && !lo.up) {
            props.push(["loopbackUp", false]);
        }
        namespaceRes.set(ns.name, add({ kind: "Namespace", name, props: [...props, adopt], object: `namespace ${ns.name}` }).name);
    }

    // Bridges of the host namespace.
    const bridgeRes = new Map<string, string>();
    for (const link of network.links.filter((l) => l.kind === "bridge")) {
        if (link.owned) {
            leftAlone.push({ what: `bridge ${link.name}`, why: "a stack owns it" });
            continue;
        }
        if (FOREIGN_BRIDGE.test(link.name)) {
            leftAlone.push({ what: `bridge ${link.name}`, why: "another program's network (Docker, libvirt, LXC, CNI)" });
            continue;
        }
        const name = names.take(link.name, "br");
        const props: [string, Value][] = [];
        if (name !== link.name) {
            props.push(["name", link.name]);
        }
        if (link.addresses.length > 0) {
            props.push(["addresses", link.addresses]);
        }
        props.push(["mtu", link.mtu], adopt);
        bridgeRes.set(link.name, add({ kind: "Bridge", name, props, object: `bridge ${link.name}` }).name);
    }

    // Veth pairs: a host end in the host namespace, its peer in a namespace.
    const pairedHostEnds = new Set<number>();
    const vethRes: { name: string; namespace: string; addresses: string[] }[] = [];
    for (const ns of network.namespaces.filter((n) => namespaceRes.has(n.name))) {
        for (const peer of ns.links.filter((l) => l.kind === "veth" && l.peerIndex !== undefined)) {
            const hostEnd = hostEndOf(ns.name, peer);
            if (!hostEnd) {
                leftAlone.push({ what: `veth ${peer.name} in namespace ${ns.name}`, why: "its other end is not in the host namespace" });
                continue;
            }
            pairedHostEnds.add(hostEnd.index);
            const why = vethProblem(hostEnd, peer, ns.owned, namespaceRes.has(ns.name));
            if (why) {
                leftAlone.push({ what: `veth pair ${hostEnd.name} / ${peer.name} (namespace ${ns.name})`, why });
                continue;
            }
            const name = names.take(hostEnd.name, "veth");
            const props: [string, Value][] = [
                ["hostName", hostEnd.name],
                ["peerName", peer.name],
                ["namespace", ref(namespaceRes.get(ns.name)!)],
            ];
            if (hostEnd.master) {
                props.push(["bridge", bridgeRes.has(hostEnd.master) ? ref(bridgeRes.get(hostEnd.master)!) : hostEnd.master]);
            }
            if (peer.addresses.length > 0) {
                props.push(["addresses", peer.addresses]);
            }
            if (hostEnd.mtu !== DEFAULT_MTU && hostEnd.mtu === peer.mtu) {
                props.push(["mtu", hostEnd.mtu]);
            }
            props.push(adopt);
            add({ kind: "VethPair", name, props, object: `veth pair ${hostEnd.name} / ${peer.name}` });
            vethRes.push({ name, namespace: ns.name, addresses: peer.addresses });
        }
    }

    // Routes someone added in a namespace (`ip route add` makes proto boot, which `ip -j` leaves out; or static).
    for (const ns of network.namespaces.filter((n) => namespaceRes.has(n.name))) {
        for (const route of snapshot.namespaceRoutes[ns.name] ?? []) {
            if (!["", "boot", "static"].includes(route.protocol)) {
                continue; // the kernel's own (a subnet's, IPv6 link-local), a daemon's, or ours (245)
            }
            const defaultMetric = route.family === 6 ? 1024 : 0;
            const name = names.take(
                `${ns.name}-${destinationWord(route.destination)}${route.family === 6 && route.destination === "default" ? "6" : ""}`,
                "route",
            );
            const props: [string, Value][] = [
                ["namespace", ref(namespaceRes.get(ns.name)!)],
                ["destination", route.destination],
            ];
            if (route.via) {
                props.push(["via", route.via]);
            } else if (route.device) {
                props.push(["device", route.device]);
            }
            if (route.metric !== defaultMetric) {
                props.push(["metric", route.metric]);
            }
            props.push(adopt);
            // The link whose network holds the gateway: the route waits for it.
            const link = route.via ? vethRes.find((v) => v.namespace === ns.name && v.addresses.some((a) => overlaps(a, route.via!))) : undefined;
            add({
                kind: "Route",
                name,
                props,
                ...(link ? { dependsOn: [link.name] } : {}),
                object: `route ${route.destination}${route.via ? ` via ${route.via}` : ""} in namespace ${ns.name}`,
            });
        }
    }

    // Other links of the host namespace: the uplink, NICs, tunnels, veths with both ends here.
    for (const link of network.links) {
        if (link.name === "lo" || link.kind === "bridge" || pairedHostEnds.has(link.index)) {
            continue;
        }
        const why =
            link.name === network.uplink || link.name === network.uplink6
                ? "the uplink (the machine's default route)"
                : link.owned
                  ? "a stack owns it"
                  : link.kind === "veth"
                    ? "a veth whose other end is not in a named namespace"
                    : `a ${link.kind ? `${link.kind} ` : ""}link pulumi-netns does not adopt`;
        leftAlone.push({ what: `link ${link.name}`, why });
    }

    // Forwarding.
    if (network.forwarding.ipv4 || network.forwarding.ipv6) {
        const props: [string, Value][] = [];
        if (!network.forwarding.ipv4) {
            props.push(["ipv4", false]);
        }
        if (network.forwarding.ipv6) {
            props.push(["ipv6", true]);
        }
        add({ kind: "SysctlForward", name: names.take("forward", "sysctl"), props: [...props, adopt], object: "forwarding (net.ipv4.ip_forward)" });
    }

    // NAT.
    const bridgeOrName = (iface: string): Value => (bridgeRes.has(iface) ? ref(bridgeRes.get(iface)!) : iface);
    for (const family of [4, 6] as const) {
        const nat = handMadeNat(family, family === 4 ? snapshot.nat4 : snapshot.nat6, OWNER_PREFIX);
        for (const m of nat.masquerades) {
            const foreign = [m.excludeOutInterface, m.outInterface].find((i) => i !== undefined && FOREIGN_BRIDGE.test(i));
            if (foreign) {
                leftAlone.push({ what: `iptables nat: ${m.rule}`, why: `the masquerade of ${foreign}, another program's network` });
                continue;
            }
            add(masqueradeResource(m, names, bridgeOrName, adopt));
        }
        const outputs = nat.forwards.filter((f) => f.chain === "OUTPUT");
        for (const f of nat.forwards.filter((x) => x.chain === "PREROUTING")) {
            add(forwardResource(f, names, adopt));
            // Its twin for the host itself, if typed too, is replaced by the PortForward's own.
            const twin = outputs.findIndex((o) => sameForward(o, f));
            if (twin >= 0) {
                outputs.splice(twin, 1);
            }
        }
        for (const o of outputs) {
            leftAlone.push({ what: `iptables nat: ${o.rule}`, why: "a forward for the host alone (a PortForward forwards clients outside too)" });
        }
        for (const other of nat.others) {
            leftAlone.push({ what: `${family === 6 ? "ip6tables" : "iptables"} nat: ${other.rule}`, why: other.why });
        }
    }

    return { machine: network.machine, remote: options.remote ?? false, resources, leftAlone };
}

function vethProblem(hostEnd: HostLink, peer: HostLink, namespaceOwned: boolean, namespacePlanned: boolean): string | undefined {
    if (hostEnd.owned || peer.owned) {
        return "a stack owns it";
    }
    if (namespaceOwned || !namespacePlanned) {
        return "its namespace is not declared here";
    }
    if (hostEnd.addresses.length > 0) {
        return `its host end holds ${hostEnd.addresses.join(", ")}, which a VethPair does not declare`;
    }
    if (hostEnd.master && FOREIGN_BRIDGE.test(hostEnd.master)) {
        return `it is on ${hostEnd.master}, another program's network`;
    }
    return undefined;
}

const sameForward = (a: HandForward, b: HandForward) =>
    a.protocol === b.protocol &&
    a.hostPort === b.hostPort &&
    a.hostAddress === b.hostAddress &&
    a.targetAddress === b.targetAddress &&
    a.targetPort === b.targetPort &&
    b.inInterface === undefined;

function masqueradeResource(m: HandMasquerade, names: Names, iface: (name: string) => Value, adopt: [string, Value]): PlannedResource {
    const via = m.excludeOutInterface ?? m.outInterface;
    const props: [string, Value][] = [["sourceCidr", m.sourceCidr]];
    if (m.excludeOutInterface) {
        props.push(["excludeOutInterface", iface(m.excludeOutInterface)]);
    } else if (m.outInterface) {
        props.push(["outInterface", iface(m.outInterface)]);
    }
    return { kind: "MasqueradeRule", name: names.take(`${via ?? "subnet"}-nat`, "nat"), props: [...props, adopt], object: `masquerade ${m.rule}` };
}

function forwardResource(f: HandForward, names: Names, adopt: [string, Value]): PlannedResource {
    const props: [string, Value][] = [["hostPort", f.hostPort]];
    if (f.hostAddress) {
        props.push(["hostAddress", f.hostAddress]);
    }
    props.push(["targetAddress", f.targetAddress]);
    if (f.targetPort !== f.hostPort) {
        props.push(["targetPort", f.targetPort]);
    }
    if (f.protocol !== "tcp") {
        props.push(["protocol", f.protocol]);
    }
    if (f.inInterface) {
        props.push(["inInterface", f.inInterface]);
    }
    return { kind: "PortForward", name: names.take(`${f.protocol}-${f.hostPort}`, "forward"), props: [...props, adopt], object: `port forward ${f.rule}` };
}
