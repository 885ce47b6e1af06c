// getHostNetwork: a machine's links, addresses, routes, uplink, namespaces and forwarding, read at
// program time through the same Host seam the resources use (this machine, or SSH).
import * as pulumi from "@pulumi/pulumi";
import { onMachine } from "../provider/host/one-off";
import { readHostNetwork } from "../provider/inspect/read-host-network";
import type { Connection } from "./connection";
import type { HostNetwork } from "./kind-types";

export type { HostLink, HostNetwork, HostRoute, NamespaceNetwork } from "./kind-types";

export interface GetHostNetworkArgs {
    /** The machine to read. Absent = the machine running Pulumi. */
    connection?: pulumi.Unwrap<Connection>;
}

/**
 * Reads a machine's network when the program runs (at preview too); it changes nothing. Pin the
 * remote machine's `hostKey`: this read runs before any resource has recorded the key it saw.
 *
 * ```ts
 * const uplink = netns.getHostNetwork().then((host) => host.uplink);
 * new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", outInterface: uplink });
 * ```
 */
export async function getHostNetwork(args: GetHostNetworkArgs = {}): Promise<HostNetwork> {
    return onMachine(args.connection, readHostNetwork);
}

/** getHostNetwork with Inputs: the connection may come from another resource or stack. */
export function getHostNetworkOutput(args: { connection?: pulumi.Input<Connection> } = {}): pulumi.Output<HostNetwork> {
    return pulumi.output(args.connection).apply((connection) => getHostNetwork({ connection }));
}
