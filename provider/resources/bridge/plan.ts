// Pure rules for Bridge: name and machine replace it; addresses and MTU update in place.
import type * as pulumi from "@pulumi/pulumi";
import { sameAddresses } from "../common/addresses";
import { diffProps } from "../common/diff";

export function diffBridge(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    return diffProps(olds, news, {
        replace: ["name"],
        update: ["addresses", "mtu"],
        keepWhenAbsent: ["mtu"],
        kernelName: ["name"],
        equal: { addresses: sameAddresses },
    });
}
