// What a machine's network looks like, as `getHostNetwork` returns it (the SDK re-exports these
// types) and `pulumi-netns graph --live` draws it; provider/inspect/ builds it from the listings.

export interface HostLink {
    name: string;
    /** The kernel's ifindex, in its namespace. */
    index: number;
    /** A veth's other end, when it is in another namespace: its ifindex there. */
    peerIndex?: number;
    /** "bridge", "veth", "vxlan", ...; absent for plain devices (lo, a NIC). */
    kind?: string;
    /** Administratively up. */
    up: boolean;
    mtu: number;
    macAddress?: string;
    /** The bridge it is enslaved to. */
    master?: string;
    /** Global addresses, e.g. "192.168.1.1/24". */
    addresses: string[];
    /** Made by pulumi-netns (carries its owner mark). */
    owned: boolean;
}

export interface HostRoute {
    family: 4 | 6;
    /** "default" or a CIDR. */
    destination: string;
    via?: string;
    device?: string;
    metric: number;
    owned: boolean;
}

export interface NamespaceNetwork {
    name: string;
    links: HostLink[];
    routes: HostRoute[];
    /** Made by pulumi-netns (its loopback carries the owner mark). */
    owned: boolean;
}

export interface HostNetwork {
    /** "this machine" or the SSH endpoint. */
    machine: string;
    links: HostLink[];
    routes: HostRoute[];
    /** The device of the IPv4 default route with the lowest metric: the usual `outInterface`. */
    uplink?: string;
    /** The same for IPv6. */
    uplink6?: string;
    namespaces: NamespaceNetwork[];
    forwarding: { ipv4: boolean; ipv6: boolean };
    /** The FORWARD chain's policy ("ACCEPT", "DROP"), per family; absent where it could not be read. */
    forwardPolicy: { ipv4?: string; ipv6?: string };
}
