// getHostNetwork: a machine's links, addresses, routes, uplink, namespaces and forwarding, read by
// the provider (a Read step, which runs at preview too) through the hosts and host-key pins its
// resources use: the program's own process never dials a machine.
import * as pulumi from "@pulumi/pulumi";
import type { HostNetwork } from "../shared/host-network";
import { machineOf } from "../shared/machine";
import { type Connection, secretConnection } from "./connection";
import { providerStub } from "./provider-stub";

export type { HostLink, HostNetwork, HostRoute, NamespaceNetwork } from "../shared/host-network";

export interface GetHostNetworkArgs {
    /** The machine to read. Absent = the machine running Pulumi. */
    connection?: pulumi.Unwrap<Connection>;
}

/** A subnet the provider judges against the machine's networks, one device aside (see Overlay). */
export interface OverlapQuestion {
    subnet: string;
    except: string;
}

/** The read, as the engine records it: the machine's network and, when asked, why a subnet overlaps it ("" when free). */
export class HostNetworkRead extends pulumi.dynamic.Resource {
    declare readonly network: pulumi.Output<HostNetwork>;
    declare readonly overlapReason: pulumi.Output<string | undefined>;

    constructor(connection: pulumi.Unwrap<Connection> | undefined, overlap?: OverlapQuestion) {
        super(
            providerStub("HostNetwork"),
            readName(machineOf(connection)),
            { connection: secretConnection(connection), network: undefined, overlap, overlapReason: undefined },
            { id: "host-network" },
            "netns",
            "HostNetwork",
        );
    }
}

/** Each read is a resource of its own, named after its machine ("host-network-10.0.0.5:22", then "-2", ...). */
const reads = new Map<string, number>();
function readName(machine: string): string {
    const n = (reads.get(machine) ?? 0) + 1;
    reads.set(machine, n);
    // URNs take no "::" (an IPv6 machine's brackets and colons become dashes).
    return `host-network-${machine.replace(/[^A-Za-z0-9.-]+/g, "-")}${n > 1 ? `-${n}` : ""}`;
}

/** Resolves with an Output's value (the read's ID is known, so its outputs are, at preview too). */
const settled = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

/**
 * Reads a machine's network when the program runs (at preview too); it changes nothing. The read
 * runs in the provider: a remote machine's `hostKey` must be pinned when the connection gives a
 * password (the read comes before any resource has recorded the key it saw).
 *
 * ```ts
 * const uplink = netns.getHostNetwork().then((host) => host.uplink);
 * new netns.MasqueradeRule("nat", { sourceCidr: "192.168.1.0/24", outInterface: uplink });
 * ```
 */
export async function getHostNetwork(args: GetHostNetworkArgs = {}): Promise<HostNetwork> {
    // A number or name read over a secret connection is no secret: kept plain, previews show it.
    return settled(pulumi.unsecret(new HostNetworkRead(args.connection).network));
}

/** getHostNetwork with Inputs: the connection may come from another resource or stack. */
export function getHostNetworkOutput(args: { connection?: pulumi.Input<Connection> } = {}): pulumi.Output<HostNetwork> {
    return readOutput(args.connection, (read) => read.network);
}

/**
 * A read of the machine `connection` names, once the connection is known (an unknown part would
 * be dropped on the way to the provider, which would then read this machine instead); `pick`
 * takes the value wanted from it, kept plain.
 */
export function readOutput<T>(
    connection: pulumi.Input<Connection> | undefined,
    pick: (read: HostNetworkRead) => pulumi.Output<T>,
    overlap?: OverlapQuestion,
): pulumi.Output<T> {
    return pulumi.unsecret(pulumi.output(connection).apply((known) => pick(new HostNetworkRead(known as pulumi.Unwrap<Connection> | undefined, overlap))));
}
