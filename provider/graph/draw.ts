// A topology as nodes and edges, once, for both text formats (DOT and Mermaid) to print.
import { cidrContains } from "../schemas/addresses";
import type { Topology } from "./topology";

export interface Node {
    id: string;
    /** Lines of its label. */
    lines: string[];
    shape: "namespace" | "bridge" | "interface" | "nat" | "forward" | "route";
    owned: boolean;
}

export interface Edge {
    from: string;
    to: string;
    label?: string;
    owned: boolean;
}

export interface Cluster {
    label: string;
    nodes: Node[];
    edges: Edge[];
}

/** A command for a label: its words, cut to a readable length. */
const shortCommand = (argv: string[]): string => {
    const text = argv.join(" ");
    return text.length > 48 ? `${text.slice(0, 47)}…` : text;
};

/**
 * A name as part of a node id that both DOT and Mermaid take bare: letters and digits stay, any
 * other character becomes `_<hex code>_`. One name, one id: `ns.1`, `ns-1` and `ns_1` stay apart.
 */
export const nodeIdPart = (name: string): string => name.replace(/[^A-Za-z0-9]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`);

const holds = (addresses: string[], ip: string) => addresses.some((cidr) => cidr.split("/")[0] === ip);

export function drawing(t: Topology): Cluster[] {
    return t.machines.map((m, mi) => {
        const id = (kind: string, name: string) => `m${mi}_${kind}_${nodeIdPart(name)}`;
        const nodes: Node[] = [];
        const edges: Edge[] = [];
        for (const b of m.bridges) {
            nodes.push({ id: id("br", b.name), lines: [`bridge ${b.name}`, ...b.addresses], shape: "bridge", owned: b.owned });
        }
        for (const ns of m.namespaces) {
            const routes = m.routes.filter((r) => r.namespace === ns.name).map((r) => `${r.destination}${r.via ? ` via ${r.via}` : ""}`);
            const services = (m.services ?? []).filter((s) => s.namespace === ns.name).map((s) => `service ${s.unit}: ${shortCommand(s.command)}`);
            nodes.push({
                id: id("ns", ns.name),
                lines: [`namespace ${ns.name}`, ...ns.addresses, ...routes, ...services],
                shape: "namespace",
                owned: ns.owned,
            });
        }
        for (const l of m.links) {
            const label = `${l.peer} ⇄ ${l.hostEnd}`;
            if (l.bridge && m.bridges.some((b) => b.name === l.bridge)) {
                edges.push({ from: id("ns", l.namespace), to: id("br", l.bridge), label, owned: l.owned });
            } else {
                nodes.push({ id: id("if", l.hostEnd), lines: [l.hostEnd], shape: "interface", owned: l.owned });
                edges.push({ from: id("ns", l.namespace), to: id("if", l.hostEnd), label, owned: l.owned });
            }
        }
        m.routes
            .filter((r) => r.namespace === undefined)
            .forEach((r, i) => {
                nodes.push({ id: id("route", String(i)), lines: [`route ${r.destination}${r.via ? ` via ${r.via}` : ""}`], shape: "route", owned: r.owned });
            });
        m.masquerades.forEach((x, i) => {
            const out = x.outInterface ? `out ${x.outInterface}` : x.excludeOutInterface ? `out anything but ${x.excludeOutInterface}` : "out any interface";
            nodes.push({ id: id("nat", String(i)), lines: [`masquerade ${x.source}`, out], shape: "nat", owned: x.owned });
            const bridge = m.bridges.find((b) => b.addresses.some((a) => cidrContains(x.source, a.split("/")[0])));
            if (bridge) {
                edges.push({ from: id("br", bridge.name), to: id("nat", String(i)), owned: x.owned });
            }
        });
        m.forwards.forEach((f, i) => {
            nodes.push({
                id: id("fwd", String(i)),
                lines: [`${f.protocol} ${f.hostAddress ?? "*"}:${f.hostPort}`, `→ ${f.targetAddress}:${f.targetPort}`],
                shape: "forward",
                owned: f.owned,
            });
            const target = m.namespaces.find((n) => holds(n.addresses, f.targetAddress));
            if (target) {
                edges.push({ from: id("fwd", String(i)), to: id("ns", target.name), owned: f.owned });
            }
        });
        return { label: m.name, nodes, edges };
    });
}
