// A stack's topology from its state (`pulumi stack export --show-secrets`): the outputs of its
// pulumi-netns resources (either door), grouped by the machine each one's connection names.
import { describeEndpoint } from "../../shared/machine";
import { SECRET_SIG, stackResources } from "./stack-resources";
import { emptyMachine, type MachineView, type Topology } from "./topology";

/** The machine a resource's connection names: decrypted secrets are read, encrypted ones stay anonymous. */
function machineName(connection: unknown): string {
    if (connection === undefined || connection === null) {
        return "this machine";
    }
    const value = connection as Record<string, unknown>;
    if (SECRET_SIG in value) {
        return "a remote machine (its connection is encrypted: export with --show-secrets)";
    }
    return typeof value.host === "string"
        ? describeEndpoint({ host: value.host, port: Number(value.port ?? 22), user: typeof value.user === "string" ? value.user : undefined })
        : "a remote machine";
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function topologyFromState(json: unknown): Topology {
    const machines = new Map<string, MachineView>();
    const machine = (name: string) => machines.get(name) ?? machines.set(name, emptyMachine(name)).get(name)!;
    /** The addresses each veth peer holds, by machine and namespace. */
    const peerAddresses: { m: MachineView; namespace: string; addresses: string[] }[] = [];
    for (const { kind, outputs: o } of stackResources(json)) {
        const m = machine(machineName(o.connection));
        switch (kind) {
            case "Namespace":
                m.namespaces.push({ name: String(o.name), addresses: [], owned: true });
                break;
            case "Bridge":
                m.bridges.push({ name: String(o.name), addresses: strs(o.addresses), owned: true });
                break;
            case "VethPair":
                m.links.push({ hostEnd: String(o.hostName), peer: String(o.peerName), namespace: String(o.namespace), bridge: str(o.bridge), owned: true });
                peerAddresses.push({ m, namespace: String(o.namespace), addresses: strs(o.addresses) });
                break;
            case "Route":
                m.routes.push({ namespace: str(o.namespace), destination: String(o.destination), via: str(o.via), device: str(o.device), owned: true });
                break;
            case "MasqueradeRule":
                m.masquerades.push({
                    source: String(o.sourceCidr),
                    outInterface: str(o.outInterface),
                    excludeOutInterface: str(o.excludeOutInterface),
                    owned: true,
                });
                break;
            case "Service":
                m.services = [...(m.services ?? []), { unit: String(o.unit), namespace: String(o.namespace), command: strs(o.command), owned: true }];
                break;
            case "PortForward":
                m.forwards.push({
                    protocol: String(o.protocol ?? "tcp"),
                    hostPort: Number(o.hostPort),
                    hostAddress: str(o.hostAddress),
                    targetAddress: String(o.targetAddress),
                    targetPort: Number(o.targetPort ?? o.hostPort),
                    owned: true,
                });
                break;
        }
    }
    // A namespace shows the addresses its veth peers hold.
    for (const { m, namespace, addresses } of peerAddresses) {
        m.namespaces.find((n) => n.name === namespace)?.addresses.push(...addresses);
    }
    return { machines: [...machines.values()] };
}
