// getHostNetwork run by the provider: the SDK's HostNetwork read resource (a Read step, which the
// engine runs at preview too) asks for a machine's network, and the provider reads it through the
// hosts its resources use, never from the program's process. A password sent to a machine whose key
// nothing pins would go to whoever answers at that address, so such a connection is refused here.
import type * as pulumi from "@pulumi/pulumi";
import { describeEndpoint, machineOf } from "../../shared/machine";
import { findOverlaps, machineNetworks, overlapReason } from "../guard/overlap";
import type { HostResolver } from "../host/host";
import { machineKeysOf } from "../resources/common/machine-keys";
import { type Connection, connection as connectionSchema } from "../schemas/connection";
import type { HostNetwork } from "./host-network";
import { readHostNetwork } from "./read-host-network";

/** A subnet to judge against the machine's networks, one device (the component's own bridge) aside. */
export interface OverlapQuestion {
    subnet: string;
    except: string;
}

/** Why the connection may not be used for a read at program time, or undefined. */
export function unpinnedPassword(c: Connection): string | undefined {
    for (const [role, endpoint] of [
        ["the machine", c],
        ["the bastion (proxy)", c.proxy],
    ] as const) {
        if (endpoint?.password !== undefined && endpoint.hostKey === undefined) {
            return (
                `connection to ${describeEndpoint(endpoint)} gives ${role}'s password but no hostKey: this read runs at every preview, ` +
                "before any resource has recorded the key it saw, so the password would go to whoever answers at that address; " +
                "pin the key (`hostKey`, e.g. from `ssh-keyscan`) or log in with a key"
            );
        }
    }
    return undefined;
}

/** The overlap question's answer: the reason the subnet is refused, or "" when it is free. */
function overlapOf(net: HostNetwork, question: OverlapQuestion): string {
    const view = {
        links: net.links.map((l) => ({ name: l.name, addresses: l.addresses, ...(l.owned ? { owner: "pulumi-netns" } : {}) })),
        routes: net.routes,
    };
    const found = findOverlaps(
        [question.subnet],
        machineNetworks(view).filter((n) => n.device !== question.except),
    );
    return found.length > 0 ? overlapReason(found, net.machine) : "";
}

export function hostNetworkProvider(resolve: HostResolver): pulumi.dynamic.ResourceProvider {
    return {
        create: async () => {
            throw new Error("HostNetwork is read, never created");
        },
        read: async (id, props) => {
            const given = props.connection ?? undefined;
            const connection = given === undefined ? undefined : connectionSchema.parse(given);
            const refusal = connection && unpinnedPassword(connection);
            if (refusal) {
                throw new Error(`getHostNetwork: ${refusal}`);
            }
            // Held to the key the stack recorded for that machine, where the program pinned none.
            const recorded = connection && connection.hostKey === undefined ? machineKeysOf(resolve).get(machineOf(connection)) : undefined;
            const network = await readHostNetwork(resolve(recorded ? { ...connection, hostKey: recorded } : connection));
            const question = props.overlap as OverlapQuestion | undefined;
            const outputs = {
                connection: given,
                network,
                ...(question?.subnet ? { overlap: question, overlapReason: overlapOf(network, question) } : {}),
            };
            // As plain JSON: the engine's encoding takes no `undefined` (a family with no forwarding policy).
            return { id, props: JSON.parse(JSON.stringify(outputs)) };
        },
    };
}
