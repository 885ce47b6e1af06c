// Entry point the serialized provider stubs require at run time: one provider per resource kind.
// Kept apart from sdk/ so state holds only a tiny stub and refresh/delete run current code.
import type * as pulumi from "@pulumi/pulumi";
import type { HostResolver } from "./host/host";
import { resolveHost } from "./host/resolve";
import { bridgeProvider } from "./resources/bridge/provider";
import { masqueradeRuleProvider } from "./resources/masquerade-rule/provider";
import { namespaceProvider } from "./resources/namespace/provider";
import { portForwardProvider } from "./resources/port-forward/provider";
import { routeProvider } from "./resources/route/provider";
import { stackIdentityProvider } from "./resources/stack-identity/provider";
import { sysctlForwardProvider } from "./resources/sysctl-forward/provider";
import { vethPairProvider } from "./resources/veth-pair/provider";
import { firstUseTrust } from "./resources/common/first-use-trust";
import { keepingOwnerTag } from "./resources/common/owner";
import { recordedProvider } from "./resources/common/recorded-provider";

export const factories = {
    Namespace: namespaceProvider,
    Bridge: bridgeProvider,
    VethPair: vethPairProvider,
    Route: routeProvider,
    SysctlForward: sysctlForwardProvider,
    MasqueradeRule: masqueradeRuleProvider,
    PortForward: portForwardProvider,
    StackIdentity: stackIdentityProvider,
} satisfies Record<string, (resolve: HostResolver) => pulumi.dynamic.ResourceProvider>;

export type Kind = keyof typeof factories;

/** A kind's provider on the hosts `resolve` gives, its results always recordable by the engine. */
export function makeProvider(kind: Kind, resolve: HostResolver): pulumi.dynamic.ResourceProvider {
    return recordedProvider(kind, firstUseTrust(keepingOwnerTag(factories[kind](resolve)), resolve));
}

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/** The provider for one resource kind, on this machine or the hosts named by `connection`. */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
    let provider = providers.get(kind);
    if (!provider) {
        const factory = (factories as Record<string, (resolve: HostResolver) => pulumi.dynamic.ResourceProvider>)[kind];
        if (!factory) {
            throw new Error(`pulumi-netns has no resource kind "${kind}": is the installed package older than the stack?`);
        }
        provider = makeProvider(kind as Kind, resolveHost);
        providers.set(kind, provider);
    }
    return provider;
}
