// The engine floor: pulumi-netns's classes with the same inputs, outputs and dependencies, as dynamic
// resources whose operations do nothing. A program run against this module instead of pulumi-netns
// costs what the Pulumi CLI, the Node language host and the dynamic-provider shim cost by themselves.
import * as pulumi from "@pulumi/pulumi";

/** One provider object per kind, as pulumi-netns has: the engine's SDK serializes each once. */
const noop = (): pulumi.dynamic.ResourceProvider => ({
    async create(inputs) {
        return { id: "floor", outs: inputs };
    },
});

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();
const providerOf = (kind: string) => providers.get(kind) ?? providers.set(kind, noop()).get(kind)!;

/** Like the real SDK: one identity resource per stack, which every resource's owner tag waits for. */
let identity: pulumi.dynamic.Resource | undefined;
function ownerTag(): pulumi.Output<unknown> {
    identity ??= new (class extends pulumi.dynamic.Resource {})(
        providerOf("StackIdentity"),
        "pulumi-netns",
        { stackId: "floor" },
        {},
        "floor",
        "StackIdentity",
    );
    return (identity as unknown as { stackId: pulumi.Output<string> }).stackId;
}

type FloorClass = new (name: string, args?: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) => pulumi.dynamic.Resource;

/** A class that takes the real one's arguments and exposes `name` plus `outputs`, filled with inputs. */
function floorKind(kind: string, outputs: string[] = []): FloorClass {
    return class extends pulumi.dynamic.Resource {
        constructor(name: string, args: Record<string, unknown> = {}, opts: pulumi.CustomResourceOptions = {}) {
            const filled = Object.fromEntries(outputs.map((field) => [field, `floor-${field}`]));
            super(providerOf(kind), name, { name: args.name ?? name, ...args, ...filled, ownerTag: ownerTag() }, { ...opts }, "floor", kind);
        }
    };
}

export const Namespace = floorKind("Namespace");
export const Bridge = floorKind("Bridge", ["macAddress"]);
export const VethPair = floorKind("VethPair");
export const Route = floorKind("Route");
export const SysctlForward = floorKind("SysctlForward", ["previousIpv4", "previousIpv6"]);
export const MasqueradeRule = floorKind("MasqueradeRule", ["ruleSpec", "rules"]);
export const PortForward = floorKind("PortForward", ["ruleSpec", "rules"]);
