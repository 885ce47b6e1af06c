// PortForward: a host port forwarded to an address inside a namespace, for clients outside the
// host, the host itself, and other namespaces on the same bridge.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "../../host/host";
import { IpClient } from "../../linux/ip-client";
import { ruleSetProvider } from "../common/rule-set";
import { diffPortForward, portForwardRules, targetOf } from "./plan";
import { portForwardInputs } from "./schema";

export function portForwardProvider(resolveHost: HostResolver): pulumi.dynamic.ResourceProvider {
    return ruleSetProvider({
        kind: "PortForward",
        schema: portForwardInputs,
        describe: (p) => `${p.protocol} ${p.hostAddress ?? "*"}:${p.hostPort} -> ${targetOf(p)}`,
        // The target's directly connected network, if any: its clients need the hairpin masquerade.
        resolve: async (p, host) => ({ hairpinCidr: await new IpClient(host).onLinkNetwork(p.targetAddress) }),
        rules: portForwardRules,
        diff: diffPortForward,
    }, resolveHost);
}
