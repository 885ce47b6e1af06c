// The provider functions the plugin serves (invoke): getHostNetwork, read through the same Host
// seam the resources use, on this machine or over the provider's or the call's SSH connection.
import type * as provider from "@pulumi/pulumi/provider";
import { onMachine } from "../host/one-off";
import { readHostNetwork } from "../inspect/read-host-network";
import { reveal } from "./secrets";

export const GET_HOST_NETWORK = "netns:index:getHostNetwork";

/** invoke(token, args); `defaultConnection` is the provider's own (its configuration). */
export async function invokeFunction(token: string, args: Record<string, unknown>, defaultConnection: unknown): Promise<provider.InvokeResult> {
    if (token !== GET_HOST_NETWORK) {
        throw new Error(`pulumi-resource-netns has no function "${token}": is the plugin older than the program's SDK?`);
    }
    const { connection } = reveal(args ?? {}) as { connection?: unknown };
    const network = await onMachine(connection ?? defaultConnection, readHostNetwork);
    // Absent fields stay absent: the engine's structs have no `undefined`.
    return { outputs: JSON.parse(JSON.stringify(network)) };
}
