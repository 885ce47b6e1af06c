// pulumi-netns: Linux host networking as Pulumi resources.
export { Bridge, type BridgeArgs } from "./bridge";
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
export { MasqueradeRule, type MasqueradeRuleArgs } from "./masquerade-rule";
export { Namespace, type NamespaceArgs } from "./namespace";
export { type AttachOptions, Network, type NetworkArgs, NetworkMember, type PublishOptions } from "./network";
export { Overlay, type OverlayArgs, type OverlayHost, OverlayMember } from "./overlay";
export { PortForward, type PortForwardArgs } from "./port-forward";
export { Probe, type ProbeArgs } from "./probe";
export { ResolvConf, type ResolvConfArgs } from "./resolv-conf";
export { Route, type RouteArgs } from "./route";
export { Service, type ServiceArgs } from "./service";
export { SysctlForward, type SysctlForwardArgs } from "./sysctl-forward";
export { VethPair, type VethPairArgs } from "./veth-pair";
export { VxlanTunnel, type VxlanTunnelArgs } from "./vxlan-tunnel";
