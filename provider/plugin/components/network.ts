// The Network component as the plugin serves it to Python, Go and YAML (construct, and call for
// `attach` and `publish`): the same plan as the TypeScript SDK's Network (sdk/network.ts) - a
// bridge holding the gateway, forwarding, NAT out, an address pool kept in state, members with a
// namespace, veth, addresses, default routes and resolver, published ports - made of the plugin's
// own resources. Members come either all at once (the `members` input, as YAML writes them) or
// one `attach` call each; the pool takes them once the calls have stopped arriving.
import * as pulumi from "@pulumi/pulumi";
import { gatewayOf, hostEndName, PEER_NAME, prefixOf, subnetProblem } from "../../../sdk/network-plan";
import { PluginResource } from "./child";
import { argsProblem, type MemberArgs, memberArgs, type NetworkPlanArgs, networkPlanArgs, type PortArgs, portArgs } from "./network-args";
import { WindowRoster } from "./roster-window";
import { plainValue } from "./values";

type Inputs = Record<string, unknown>;
type Allocation = { ipv4: string; ipv6?: string };

/** How long the pool waits after one attach call for the next. */
export const ATTACH_QUIET_MS = 1500;

/** A component whose outputs its maker registers (ComponentResource keeps registerOutputs protected). */
class Component extends pulumi.ComponentResource {
    done(outputs: Inputs): void {
        this.registerOutputs(outputs);
    }
}

/** A Network made by this plugin process, kept for the calls on it. */
interface Made {
    name: string;
    plan: NetworkPlanArgs;
    inputs: Inputs;
    component: pulumi.ComponentResource;
    bridge: PluginResource;
    version: string;
    roster: WindowRoster<{ key: string; address?: string }>;
    pool?: PluginResource;
}

const made = new Map<string, Made>();

const child = (network: Made, parent: pulumi.Resource = network.component, extra: pulumi.CustomResourceOptions = {}) => ({
    parent,
    version: network.version,
    ...extra,
});

function poolOf(network: Made): PluginResource {
    network.pool ??= new PluginResource(
        "AddressPool",
        network.name,
        {
            network: network.name,
            subnet: network.plan.subnet,
            subnet6: network.plan.subnet6,
            // Listed members in their order, as the TypeScript SDK's; attach calls arrive in no set
            // order, so their members are taken in the order of their names (the same every run).
            members: network.plan.members ? network.roster.all : network.roster.all.then((all) => [...all].sort((a, b) => a.key.localeCompare(b.key))),
        },
        child(network),
    );
    return network.pool;
}

function allocationOf(network: Made, key: string): pulumi.Output<Allocation> {
    return poolOf(network)
        .out<Record<string, Allocation>>("allocations")
        .apply((all) => {
            if (!all[key]) {
                throw new Error(`Network "${network.name}": no address for member "${key}"`);
            }
            return all[key];
        });
}

/** A member: its namespace, veth with the pool's addresses, default routes and resolver. */
function addMember(network: Made, member: MemberArgs): { namespace: string; ipv4: pulumi.Output<string>; ipv6: pulumi.Output<string | undefined> } {
    const key = member.namespace;
    network.roster.add(
        { key, ...(member.address ? { address: member.address } : {}) },
        `Network "${network.name}": attach("${key}") came after the network's members were settled ` +
            `(the first attach calls of a program, or its \`members\` input): attach every member in the program's own code, not inside an apply`,
    );
    const name = `${network.name}-${key}`;
    const component = new Component("netns:index:NetworkMember", name, {}, { parent: network.component });
    const { connection, allowOverlap, dns } = network.inputs;
    const { subnet, subnet6 } = network.plan;
    const mine = allocationOf(network, key);
    const namespace = new PluginResource("Namespace", key, { connection, name: key }, child(network, component));
    const nsName = namespace.out<string>("name");
    new PluginResource(
        "VethPair",
        `${name}-link`,
        {
            connection,
            hostName: member.hostName ?? hostEndName(key),
            peerName: member.peerName ?? PEER_NAME,
            namespace: nsName,
            bridge: network.bridge.out("name"),
            allowOverlap,
            addresses: mine.apply((a) => [`${a.ipv4}/${prefixOf(subnet)}`, ...(a.ipv6 && subnet6 ? [`${a.ipv6}/${prefixOf(subnet6)}`] : [])]),
        },
        child(network, component),
    );
    new PluginResource(
        "Route",
        `${name}-default`,
        { connection, namespace: nsName, destination: "default", via: gatewayOf(subnet) },
        child(network, component),
    );
    if (subnet6) {
        new PluginResource(
            "Route",
            `${name}-default6`,
            { connection, namespace: nsName, destination: "default", via: gatewayOf(subnet6) },
            child(network, component),
        );
    }
    if (dns !== undefined && dns !== null) {
        new PluginResource("ResolvConf", `${name}-dns`, { connection, namespace: nsName, nameservers: dns }, child(network, component));
    }
    const ipv4 = mine.apply((a) => a.ipv4);
    const ipv6 = mine.apply((a) => a.ipv6);
    component.done({ namespace: key, ipv4, ipv6 });
    return { namespace: key, ipv4, ipv6 };
}

/** A host port forwarded to a member's port: IPv4, and IPv6 too on a dual-stack network. */
function addPort(network: Made, port: PortArgs, extra: Inputs): pulumi.Output<string>[] {
    const { connection, acceptForward } = network.inputs;
    const mine = allocationOf(network, port.member);
    const common = {
        connection,
        acceptForward,
        protocol: port.protocol,
        allowPortInUse: extra.allowPortInUse,
        hostPort: port.hostPort ?? port.port,
        targetPort: port.port,
    };
    const forwards = [
        new PluginResource(
            "PortForward",
            `${network.name}-${port.name}`,
            { ...common, targetAddress: mine.apply((a) => a.ipv4), hostAddress: extra.hostAddress },
            child(network),
        ),
    ];
    if (network.plan.subnet6) {
        forwards.push(
            new PluginResource(
                "PortForward",
                `${network.name}-${port.name}-v6`,
                { ...common, targetAddress: mine.apply((a) => a.ipv6 ?? ""), hostAddress: extra.hostAddress6 },
                child(network),
            ),
        );
    }
    return forwards.map((f) => f.out<string>("ruleSpec"));
}

function parse<T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import("zod").ZodError } },
    value: unknown,
    what: string,
): T {
    const r = schema.safeParse(value);
    if (!r.success) {
        throw new Error(argsProblem(what, r.error));
    }
    return r.data;
}

/** construct("netns:index:Network"): the network, and its members and ports when the inputs list them. */
export async function constructNetwork(name: string, inputs: Inputs, opts: pulumi.ComponentResourceOptions, version: string) {
    const plan = parse(networkPlanArgs, await plainValue({ ...inputs, connection: undefined, dns: undefined }), `Network "${name}"`);
    const problem = subnetProblem("subnet", plan.subnet, 4) ?? (plan.subnet6 !== undefined ? subnetProblem("subnet6", plan.subnet6, 6) : undefined);
    if (problem) {
        throw new Error(`Network "${name}": ${problem}`);
    }
    const component = new Component("netns:index:Network", name, {}, opts);
    const { connection, acceptForward, allowOverlap } = inputs;
    const cidrs = [plan.subnet, ...(plan.subnet6 ? [plan.subnet6] : [])];
    const network: Made = {
        name,
        plan,
        inputs,
        component,
        version,
        roster: new WindowRoster(ATTACH_QUIET_MS),
        bridge: new PluginResource(
            "Bridge",
            name,
            { connection, name: plan.bridgeName ?? name, addresses: cidrs.map((c) => `${gatewayOf(c)}/${prefixOf(c)}`), allowOverlap },
            { parent: component, version },
        ),
    };
    if (plan.forwarding) {
        new PluginResource("SysctlForward", `${name}-forward`, { connection, ipv4: true, ipv6: plan.subnet6 !== undefined }, child(network));
    }
    if (plan.masquerade) {
        for (const [i, cidr] of cidrs.entries()) {
            new PluginResource(
                "MasqueradeRule",
                `${name}-nat${i === 0 ? "" : "6"}`,
                { connection, sourceCidr: cidr, excludeOutInterface: network.bridge.out("name"), acceptForward },
                child(network),
            );
        }
    }
    const state: Inputs = { bridgeName: network.bridge.out("name") };
    if (plan.members !== undefined) {
        // Listed members are the whole list: the pool is made now, and attach calls are refused.
        for (const member of plan.members) {
            addMember(network, member);
        }
        network.roster.close();
        for (const port of plan.ports ?? []) {
            addPort(network, port, {});
        }
        state.addresses = poolOf(network).out("allocations");
    } else if (plan.ports?.length) {
        throw new Error(`Network "${name}": ports: publish to members listed in \`members\`, or call publish() after attach()`);
    }
    component.done(state);
    made.set(await new Promise<string>((resolve) => component.urn.apply(resolve)), network);
    return { urn: component.urn, state };
}

function networkOf(self: string): Made {
    const network = made.get(self);
    if (!network) {
        throw new Error(`${self}: this Network was not made by this run of the plugin (methods are called in the program that declares it)`);
    }
    return network;
}

/** call("netns:index:Network/attach"): a member; its addresses once the pool has them all. */
export async function attach(self: string, args: Inputs) {
    const network = networkOf(self);
    const member = parse(memberArgs, await plainValue(args), `Network "${network.name}": attach`);
    const { namespace, ipv4, ipv6 } = addMember(network, member);
    return { namespace, ipv4, ipv6 };
}

/** call("netns:index:Network/publish"): forwards of a host port to a member attached to it. */
export async function publish(self: string, args: Inputs) {
    const network = networkOf(self);
    const { hostAddress, hostAddress6, allowPortInUse, ...plain } = args;
    const port = parse(portArgs, await plainValue(plain), `Network "${network.name}": publish`);
    const rules = addPort(network, port, { hostAddress, hostAddress6, allowPortInUse });
    return { ruleSpecs: pulumi.all(rules) };
}
