// PortForward: a host port forwarded to an address inside a namespace, for clients outside the
// host, the host itself, and other namespaces on the same bridge.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import type { Host } from "../../host/host";
import { eventually } from "../common/eventually";
import { type Resolved, ruleSetProvider } from "../common/rule-set";
import { diffPortForward, portForwardRules, targetOf } from "./plan";
import { type PortForwardInputs, portForwardInputs } from "./schema";

/**
 * The target's directly connected network, if the host has one: clients on it need the hairpin
 * masquerade. At create, a target no network holds yet is waited for a while, since the program
 * may be creating its bridge in parallel; read looks again, so a network made later is put right
 * by the next `pulumi up --refresh`.
 */
async function hairpinNetwork(p: PortForwardInputs, host: Host, { wait }: { wait: boolean }): Promise<Resolved> {
    const ip = new IpClient(host);
    const known = async () => {
        const reach = await ip.reach(p.targetAddress);
        return reach.kind === "unreachable" ? undefined : reach;
    };
    const reach = wait ? await eventually(known) : await known();
    return reach?.kind === "on-link" ? { hairpinCidr: reach.network } : {};
}

export function portForwardProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    return ruleSetProvider({
        kind: "PortForward",
        schema: portForwardInputs,
        describe: (p) => `${p.protocol} ${p.hostAddress ?? "*"}:${p.hostPort} -> ${targetOf(p)}`,
        resolve: hairpinNetwork,
        rules: portForwardRules,
        diff: diffPortForward,
    }, resolveHost);
}
