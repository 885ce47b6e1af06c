// What `pulumi-netns graph` draws, whatever it was read from (a stack's state or a live machine):
// per machine, namespaces with their addresses, bridges, veth links, routes, masquerades and port
// forwards. `owned` tells objects pulumi-netns made from others found on a live machine.

export interface Topology {
    machines: MachineView[];
}

export interface MachineView {
    /** "this machine" or "root@10.0.0.5:22". */
    name: string;
    namespaces: { name: string; addresses: string[]; owned: boolean }[];
    bridges: { name: string; addresses: string[]; owned: boolean }[];
    /** A veth pair: its host end (on a bridge or not) and its peer inside a namespace. */
    links: { hostEnd: string; peer: string; namespace: string; bridge?: string; owned: boolean }[];
    routes: { namespace?: string; destination: string; via?: string; device?: string; owned: boolean }[];
    masquerades: { source: string; outInterface?: string; excludeOutInterface?: string; owned: boolean }[];
    forwards: { protocol: string; hostPort: number; hostAddress?: string; targetAddress: string; targetPort: number; owned: boolean }[];
    /** Programs run by systemd inside a namespace (Services), drawn inside it. */
    services?: { unit: string; namespace: string; command: string[]; owned: boolean }[];
}

export const emptyMachine = (name: string): MachineView => ({ name, namespaces: [], bridges: [], links: [], routes: [], masquerades: [], forwards: [] });

/** Every object of a topology as a short label: what a picture of it must show. */
export function labelsOf(t: Topology): string[] {
    return t.machines.flatMap((m) => [
        ...m.namespaces.map((n) => n.name),
        ...m.namespaces.flatMap((n) => n.addresses),
        ...m.bridges.map((b) => b.name),
        ...m.links.flatMap((l) => [l.hostEnd, l.peer]),
        ...m.routes.map((r) => `${r.destination}${r.via ? ` via ${r.via}` : ""}`),
        ...m.masquerades.map((x) => `masquerade ${x.source}`),
        ...m.forwards.map((f) => `${f.protocol} ${f.hostAddress ?? "*"}:${f.hostPort}`),
        ...(m.services ?? []).map((s) => `service ${s.unit}`),
    ]);
}
