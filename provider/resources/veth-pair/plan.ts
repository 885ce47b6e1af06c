// Pure rules for VethPair: names, namespace and machine replace it; bridge, addresses, mtu update.
import type * as pulumi from "@pulumi/pulumi";
import { sameAddresses } from "../common/addresses";
import { diffProps } from "../common/diff";

export function diffVethPair(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    return diffProps(olds, news, {
        replace: ["hostName", "peerName", "namespace"],
        update: ["bridge", "addresses", "mtu"],
        keepWhenAbsent: ["mtu"],
        // Moving the pair to another namespace keeps its names: the old pair must go first.
        kernelName: ["hostName", "peerName"],
        equal: { addresses: sameAddresses },
    });
}
