// pulumi-netns: Linux host networking as Pulumi resources.
export { Bridge, type BridgeArgs } from "./bridge";
export type { CommonArgs, Connection, ConnectionEndpoint } from "./connection";
export { Namespace, type NamespaceArgs } from "./namespace";
