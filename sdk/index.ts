// pulumi-netns: Linux host networking as Pulumi resources.
// One module per kind, each exporting its class, its Args and its outputs (a kind's module adds one line here).
export * from "./bridge";
export type { CommonArgs, Connection, ConnectionEndpoint } from "./connection";
export {
    type GetHostNetworkArgs,
    getHostNetwork,
    getHostNetworkOutput,
    type HostLink,
    type HostNetwork,
    type HostRoute,
    type NamespaceNetwork,
} from "./host-network";
export * from "./masquerade-rule";
export * from "./namespace";
export { type AttachOptions, Network, type NetworkArgs, NetworkMember, type PublishOptions } from "./network";
export { Overlay, type OverlayArgs, type OverlayHost, OverlayMember } from "./overlay";
export * from "./port-forward";
export * from "./probe";
export * from "./resolv-conf";
export * from "./route";
export * from "./service";
export * from "./sysctl-forward";
export * from "./veth-pair";
export * from "./vxlan-tunnel";
