// The kinds other languages reach through the provider plugin, with what only the plugin knows about
// them: the resource's summary, and the fields that default to the resource's name (as in the
// TypeScript SDK's classes). StackIdentity and AddressPool are the TypeScript SDK's internals.
import type { Kind } from "../resources/registry";

export interface PublicKind {
    summary: string;
    /** Fields the plugin fills with the resource's name when absent. */
    namedAfterResource?: readonly string[];
}

export const publicKinds: Partial<Record<Kind, PublicKind>> = {
    Namespace: {
        summary: "A named network namespace (`ip netns add`), with `lo` up by default.",
        namedAfterResource: ["name"],
    },
    Bridge: {
        summary: "A Linux bridge (`ip link add type bridge`), up, holding exactly its addresses.",
        namedAfterResource: ["name"],
    },
    VethPair: { summary: "A veth pair: the host end (optionally on a bridge) and its peer inside a namespace, with the peer's addresses." },
    Route: { summary: "A route in the host's routing table or in a namespace's." },
    SysctlForward: { summary: "IP forwarding switched on; the value found before is restored on delete when no one else needs it." },
    MasqueradeRule: { summary: "Source NAT (iptables MASQUERADE) for a subnet leaving the host." },
    PortForward: { summary: "A host port forwarded (iptables DNAT) to an address inside a namespace." },
    Probe: { summary: "A check that traffic flows (or does not), run during `up`." },
    VxlanTunnel: { summary: "A VXLAN link to other machines' underlay addresses, optionally on a bridge." },
    Service: {
        summary: "A program run by the machine's systemd inside a namespace (a runtime unit `netns-<name>.service`).",
        namedAfterResource: ["name"],
    },
    ResolvConf: { summary: "The resolver configuration (/etc/netns/NS/resolv.conf) of one namespace." },
};

/** Kinds only the TypeScript SDK's classes and components use (the stack's identity, a Network's pool). */
export const internalKinds: readonly Kind[] = ["StackIdentity", "AddressPool"];

/** Fields the plugin sets itself (owner tags) or only the TypeScript SDK sets (owner names): never in the package schema. */
export const HIDDEN_FIELDS = new Set(["ownerTag", "ownerName"]);
