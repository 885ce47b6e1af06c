// Pure rules for Namespace: the name and machine replace it, delete-first: its veths and routes
// are replaced with it, and a veth that keeps its names needs them free before it is made again.
// Loopback state updates in place.
import type * as pulumi from "@pulumi/pulumi";
import { diffProps } from "../common/diff";

export function diffNamespace(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
    return diffProps(olds, news, { replace: ["name"], update: ["loopbackUp"], kernelName: ["name"], deleteFirst: true });
}
