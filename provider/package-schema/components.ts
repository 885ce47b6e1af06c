// The package schema's components and functions: the Network component (construct, and its
// `attach` and `publish` methods), and getHostNetwork. Their properties mirror the TypeScript SDK's
// NetworkArgs, AttachOptions, PublishOptions and HostNetwork.
import type { PropertySpec, TypeSpec } from "./json-to-pulumi";
import { ref, token } from "./json-to-pulumi";

export interface ComponentSpec {
    type: "object";
    isComponent: true;
    description: string;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
    properties: Record<string, PropertySpec>;
    required: string[];
    methods: Record<string, string>;
}

export interface FunctionSpec {
    description: string;
    inputs: { properties: Record<string, PropertySpec>; required?: string[] };
    outputs: { properties: Record<string, PropertySpec>; required?: string[] };
}

const str = (description: string): PropertySpec => ({ type: "string", description });
const int = (description: string): PropertySpec => ({ type: "integer", description });
const bool = (description: string): PropertySpec => ({ type: "boolean", description });
const list = (items: PropertySpec, description: string): PropertySpec => ({ type: "array", items, description });
const connection = (description: string): PropertySpec => ({ $ref: ref("Connection"), secret: true, description });

const NETWORK = token("Network");

const member: Record<string, PropertySpec> = {
    namespace: str("The member's namespace: made by the network, named so."),
    address: str("A fixed IPv4 address, reserved in the pool. Default: the lowest free one."),
    hostName: str('The veth\'s host end. Default: "ve-" + the namespace name (shortened to 15 characters).'),
    peerName: str('The veth\'s end inside the namespace. Default: "eth0".'),
};

const port: Record<string, PropertySpec> = {
    name: str("The forward's name, unique in the network (its resource is <network>-<name>)."),
    member: str("The namespace of the member whose port is published."),
    port: int("The member's port."),
    hostPort: int("The host's port. Default: port."),
    protocol: str('"tcp" or "udp". Default: "tcp".'),
};

const publishOnly: Record<string, PropertySpec> = {
    hostAddress: str("Only this IPv4 address of the host. Default: any local address."),
    hostAddress6: str("Only this IPv6 address of the host (dual stack). Default: any local address."),
    allowPortInUse: bool("Forward a host port already in use (SSH, a listener, another forward): refused at preview without it. Default: false."),
};

const memberResult: Record<string, PropertySpec> = {
    namespace: str("The namespace's name."),
    ipv4: str("The member's IPv4 address."),
    ipv6: str("The member's IPv6 address (dual stack)."),
};

/** The named types the components and functions use. */
export function componentTypes(): Record<string, TypeSpec> {
    const hostLink: TypeSpec = {
        type: "object",
        description: "A link of a machine or namespace.",
        properties: {
            name: str("The interface name."),
            index: int("The kernel's ifindex, in its namespace."),
            peerIndex: int("A veth's other end, when it is in another namespace: its ifindex there."),
            kind: str('"bridge", "veth", "vxlan", ...; absent for plain devices (lo, a NIC).'),
            up: bool("Administratively up."),
            mtu: int("The MTU."),
            macAddress: str("The MAC address."),
            master: str("The bridge it is enslaved to."),
            addresses: list({ type: "string" }, 'Global addresses, e.g. "192.168.1.1/24".'),
            owned: bool("Made by pulumi-netns (carries its owner mark)."),
        },
        required: ["addresses", "index", "mtu", "name", "owned", "up"],
    };
    const hostRoute: TypeSpec = {
        type: "object",
        description: "A route of a machine or namespace.",
        properties: {
            family: int("4 or 6."),
            destination: str('"default" or a CIDR.'),
            via: str("The gateway."),
            device: str("The device."),
            metric: int("The metric."),
            owned: bool("Made by pulumi-netns."),
        },
        required: ["destination", "family", "metric", "owned"],
    };
    return {
        [token("NetworkMember")]: {
            type: "object",
            description: "A member of a Network, as its `members` input lists it.",
            properties: member,
            required: ["namespace"],
        },
        [token("NetworkPort")]: {
            type: "object",
            description: "A port of a Network's member published on the host.",
            properties: port,
            required: ["member", "name", "port"],
        },
        [token("HostLink")]: hostLink,
        [token("HostRoute")]: hostRoute,
        [token("NamespaceNetwork")]: {
            type: "object",
            description: "A namespace of a machine, with its links and routes.",
            properties: {
                name: str("The namespace's name."),
                links: list({ $ref: ref("HostLink") }, "Its links."),
                routes: list({ $ref: ref("HostRoute") }, "Its routes."),
                owned: bool("Made by pulumi-netns (its loopback carries the owner mark)."),
            },
            required: ["links", "name", "owned", "routes"],
        },
        [token("HostForwarding")]: {
            type: "object",
            description: "The forwarding switches.",
            properties: { ipv4: bool("net.ipv4.ip_forward."), ipv6: bool("net.ipv6.conf.all.forwarding.") },
            required: ["ipv4", "ipv6"],
        },
        [token("HostForwardPolicy")]: {
            type: "object",
            description: 'The FORWARD chain\'s policy ("ACCEPT", "DROP") per family; absent where it could not be read.',
            properties: { ipv4: str("IPv4's."), ipv6: str("IPv6's.") },
        },
    };
}

export function componentResources(): Record<string, ComponentSpec> {
    return {
        [NETWORK]: {
            type: "object",
            isComponent: true,
            description:
                "A subnet with its bridge, address pool, forwarding and NAT: `attach` puts namespaces on it and `publish` forwards host ports to them " +
                "(or list them in `members` and `ports`, as a YAML program does).",
            inputProperties: {
                subnet: str('The IPv4 subnet, e.g. "192.168.1.0/24"; the bridge holds its first host address, the members\' gateway.'),
                subnet6: str('An IPv6 subnet too (dual stack), e.g. "fd00:1::/64"; its first host address is the gateway.'),
                bridgeName: str("The bridge's interface name. Default: the resource name."),
                masquerade: bool("NAT to the outside for the subnet(s), except out the bridge. Default: true."),
                forwarding: bool("Forwarding on for the families in use. Default: true."),
                dns: list({ type: "string" }, "Name servers for the members (their /etc/netns/<ns>/resolv.conf)."),
                acceptForward: bool("As on MasqueradeRule and PortForward: ACCEPT rules where FORWARD drops by default."),
                allowOverlap: bool("Share a network the machine already has: without it, a subnet overlapping one is refused at preview. Default: false."),
                connection: connection("The machine. Absent = the provider's `connection`, or else the machine running Pulumi."),
                members: list(
                    { $ref: ref("NetworkMember") },
                    "The members, all of them (then `attach` adds none): each a namespace made by the network, addressed from its pool.",
                ),
                ports: list({ $ref: ref("NetworkPort") }, "Ports of listed members published on the host."),
            },
            requiredInputs: ["subnet"],
            properties: {
                bridgeName: str("The bridge's interface name."),
                addresses: {
                    type: "object",
                    additionalProperties: { type: "object", additionalProperties: { type: "string" } },
                    description: "Each listed member's addresses (ipv4, ipv6), by namespace name; attached members' are in attach's result.",
                },
            },
            required: ["bridgeName"],
            methods: { attach: `${NETWORK}/attach`, publish: `${NETWORK}/publish` },
        },
    };
}

export function componentFunctions(): Record<string, FunctionSpec> {
    const self = { $ref: `#/resources/${NETWORK}` };
    return {
        [`${NETWORK}/attach`]: {
            description:
                "Puts a namespace on the network: a namespace of that name, its veth, addresses from the pool and default routes. " +
                "Attach every member in the program's own code: the pool takes the members once the calls stop arriving.",
            inputs: { properties: { __self__: self, ...member }, required: ["__self__", "namespace"] },
            outputs: { properties: memberResult, required: ["ipv4", "namespace"] },
        },
        [`${NETWORK}/publish`]: {
            description: "Forwards a host port to an attached member's port: IPv4, and IPv6 too on a dual-stack network.",
            inputs: { properties: { __self__: self, ...port, ...publishOnly }, required: ["__self__", "member", "name", "port"] },
            outputs: { properties: { ruleSpecs: list({ type: "string" }, "The DNAT rules, one per family.") }, required: ["ruleSpecs"] },
        },
        [token("getHostNetwork")]: {
            description:
                "Reads a machine's links, addresses, routes, uplink, namespaces and forwarding when the program runs (at preview too); it changes nothing.",
            inputs: {
                properties: { connection: connection("The machine to read. Absent = the provider's `connection`, or else the machine running Pulumi.") },
            },
            outputs: {
                properties: {
                    machine: str('"this machine" or the SSH endpoint.'),
                    links: list({ $ref: ref("HostLink") }, "The machine's links."),
                    routes: list({ $ref: ref("HostRoute") }, "Its routes."),
                    uplink: str("The device of the IPv4 default route with the lowest metric: the usual `outInterface`."),
                    uplink6: str("The same for IPv6."),
                    namespaces: list({ $ref: ref("NamespaceNetwork") }, "Its namespaces."),
                    forwarding: { $ref: ref("HostForwarding"), description: "The forwarding switches." },
                    forwardPolicy: { $ref: ref("HostForwardPolicy"), description: "The FORWARD chains' policies." },
                },
                required: ["forwardPolicy", "forwarding", "links", "machine", "namespaces", "routes"],
            },
        },
    };
}
