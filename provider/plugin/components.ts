// The multi-language components the plugin serves: construct makes a Network, call runs its
// methods. The component code runs here, in the plugin process, registering the plugin's own
// resources as the component's children.
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import type { PublicKind } from "../package-schema/public-kinds";
import type { Kind } from "../resources/registry";
import { attach, constructNetwork, publish } from "./components/network";
import { plainValue } from "./components/values";

export const NETWORK = "netns:index:Network";

/** Internal kinds the components are made of (a Network's address pool): served, though not in the schema. */
export function partOfComponents(kind: Kind): PublicKind | undefined {
    return kind === "AddressPool" ? { summary: "A Network's address pool." } : undefined;
}

export async function construct(
    version: string,
    name: string,
    type: string,
    inputs: Record<string, unknown>,
    opts: pulumi.ComponentResourceOptions,
): Promise<provider.ConstructResult> {
    if (type !== NETWORK) {
        throw new Error(`pulumi-resource-netns has no component "${type}": is the plugin older than the program's SDK?`);
    }
    return constructNetwork(name, inputs, opts, version);
}

const methods: Record<string, (self: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
    [`${NETWORK}/attach`]: attach,
    [`${NETWORK}/publish`]: publish,
};

export async function call(token: string, inputs: Record<string, unknown>): Promise<provider.InvokeResult> {
    const method = methods[token];
    if (!method) {
        throw new Error(`pulumi-resource-netns has no method "${token}": is the plugin older than the program's SDK?`);
    }
    const { __self__, ...args } = inputs;
    // The component arrives as a reference: its URN (no resource module is registered here).
    const self = String(await plainValue(__self__));
    return { outputs: await method(self, args) };
}
