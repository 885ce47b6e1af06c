// Pure rules for Namespace: the name and machine replace it; loopback state updates in place.
import type * as pulumi from "@pulumi/pulumi";
import { diffProps } from "../common/diff";

export function diffNamespace(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    return diffProps(olds, news, { replace: ["name"], update: ["loopbackUp"], kernelName: ["name"] });
}
