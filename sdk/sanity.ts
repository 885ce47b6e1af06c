// Cross-resource checks no single resource can make, from the program itself, since each
// resource's provider sees only its own inputs: two claims of one port fail preview; two veths
// with one address on a bridge are warned about.
import * as pulumi from "@pulumi/pulumi";
import { machineOf } from "../shared/machine";
import type { Connection } from "./connection";

interface Claim {
    resource: pulumi.Resource;
    name: string;
    key: string;
    detail: string;
}

const claims = new Map<string, Claim[]>();

const machineOfInput = (connection: pulumi.Input<Connection> | undefined): pulumi.Output<string> => pulumi.output(connection).apply((c) => machineOf(c));

/**
 * Records a claim; warns about each earlier claim of the same key that conflicts with it, or with
 * `refuse` fails the program (and so its preview) on the first, naming both.
 */
function claim(kind: string, c: Claim, describe: (other: Claim) => string, conflicts = (_: Claim) => true, refuse = false): void {
    const earlier = claims.get(c.key) ?? [];
    claims.set(c.key, [...earlier, c]);
    for (const other of earlier.filter(conflicts)) {
        const message = `${kind} "${c.name}" ${describe(other)}`;
        if (refuse) {
            throw new pulumi.ResourceError(message, c.resource, true);
        }
        pulumi.log.warn(message, c.resource);
    }
}

/** Two VethPairs on one bridge must not give their peers the same address. */
export function checkVethAddresses(
    resource: pulumi.Resource,
    name: string,
    connection: pulumi.Input<Connection> | undefined,
    bridge: pulumi.Input<string | undefined> | undefined,
    addresses: pulumi.Input<pulumi.Input<string>[]>,
): void {
    pulumi.all([machineOfInput(connection), bridge, addresses]).apply(([machine, br, list]) => {
        if (!br) {
            return;
        }
        for (const cidr of list) {
            const address = cidr.split("/")[0];
            claim(
                "VethPair",
                { resource, name, key: `veth|${machine}|${br}|${address}`, detail: cidr },
                (other) => `puts ${address} on bridge ${br}, as VethPair "${other.name}" does (${other.detail}): the two namespaces will fight over it`,
            );
        }
    });
}

/**
 * Two PortForwards must not claim the same host port and protocol on the same address of one IP
 * family (iptables and ip6tables are separate: an IPv4 and an IPv6 forward of one port coexist):
 * the program fails, so preview does, before anything is made.
 */
export function checkPortClaim(
    resource: pulumi.Resource,
    name: string,
    connection: pulumi.Input<Connection> | undefined,
    protocol: pulumi.Input<string | undefined>,
    defaultProtocol: string,
    hostPort: pulumi.Input<number>,
    hostAddress: pulumi.Input<string | undefined> | undefined,
    targetAddress: pulumi.Input<string>,
): void {
    pulumi.all([machineOfInput(connection), protocol, hostPort, hostAddress, targetAddress]).apply(([machine, given, port, address, target]) => {
        const proto = given ?? defaultProtocol;
        const detail = address ?? "any address";
        const family = target.includes(":") ? 6 : 4;
        // "Any address" overlaps every address; two distinct addresses do not overlap.
        claim(
            "PortForward",
            { resource, name, key: `port|${machine}|${family}|${proto}|${port}`, detail },
            (other) =>
                `forwards ${proto} port ${port} (${detail}), as PortForward "${other.name}" ` +
                `does (${other.detail}): only the first matching rule would ever see a connection; give one of them another hostPort`,
            (other) => other.detail === detail || other.detail === "any address" || detail === "any address",
            true,
        );
    });
}
