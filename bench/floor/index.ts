// The engine floor: pulumi-netns's classes with the same inputs, outputs and dependencies, as dynamic
// resources whose operations do nothing. A program run against this module instead of pulumi-netns
// costs what the Pulumi CLI, the Node language host and the dynamic-provider shim cost by themselves.
import * as pulumi from "@pulumi/pulumi";
import { type KindName, kindFacts } from "../../sdk/kind-types";

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

/**
 * A class that takes the real one's arguments and registers the real one's outputs: the fields
 * named after the resource default to its name, every other output the program left out is
 * filled (as the provider fills defaults and what the kernel reports).
 */
function floorKind(kind: KindName): FloorClass {
    const facts = kindFacts[kind];
    return class extends pulumi.dynamic.Resource {
        constructor(name: string, args: Record<string, unknown> = {}, opts: pulumi.CustomResourceOptions = {}) {
            const filled = Object.fromEntries(facts.outputs.filter((f) => f !== "connection" && f !== "ownerTag").map((field) => [field, `floor-${field}`]));
            const named = Object.fromEntries(facts.namedAfterResource.map((field) => [field, args[field] ?? name]));
            super(providerOf(kind), name, { ...filled, ...args, ...named, ownerTag: ownerTag() }, { ...opts }, "floor", kind);
        }
    };
}

/** Every kind of the real SDK, by its class name (bench/floor-shim.ts exports these as the program's `pulumi-netns`). */
export const classes = Object.fromEntries((Object.keys(kindFacts) as KindName[]).map((kind) => [kind, floorKind(kind)])) as Record<KindName, FloorClass>;
