// Entry point the serialized provider stubs require at run time: one provider per resource kind.
// Kept apart from sdk/ so state holds only a tiny stub and refresh/delete run current code.
import type * as pulumi from "@pulumi/pulumi";
import { persisting } from "./boot/persisting";
import type { HostResolver } from "./host/host";
import { resolveHost } from "./host/resolve";
import { hostNetworkProvider } from "./inspect/host-network-read";
import { firstUseTrust } from "./resources/common/first-use-trust";
import { keepingOwnerTag } from "./resources/common/owner";
import { recordedProvider } from "./resources/common/recorded-provider";
import { runKind } from "./resources/common/run-kind";
import { type Kind, kinds } from "./resources/registry";

export type { Kind };

/** The bare provider of each kind (tests compose it with their own layers). */
export const factories = Object.fromEntries(
    Object.entries(kinds).map(([kind, definition]) => [kind, (resolve: HostResolver) => runKind(kind, definition as never, resolve)]),
) as Record<Kind, (resolve: HostResolver) => pulumi.dynamic.ResourceProvider>;

/**
 * A kind's provider on the hosts `resolve` gives: the shared runner, the owner tag its objects carry
 * kept by updates, its entry of the machine's boot plan kept current, remote host keys trusted on
 * first use, and results always recordable by the engine.
 */
export function makeProvider(kind: Kind, resolve: HostResolver): pulumi.dynamic.ResourceProvider {
    const definition = kinds[kind] as unknown as Parameters<typeof persisting>[1];
    return recordedProvider(kind, firstUseTrust(persisting(kind, definition, keepingOwnerTag(factories[kind](resolve)), resolve), resolve));
}

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/** What the SDK reads through the provider rather than makes: getHostNetwork. */
const reads: Record<string, () => pulumi.dynamic.ResourceProvider> = {
    HostNetwork: () => hostNetworkProvider(resolveHost),
};

/** The provider for one resource kind, on this machine or the hosts named by `connection`. */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
    if (kind in reads) {
        return reads[kind]();
    }
    if (!(kind in kinds)) {
        throw new Error(`pulumi-netns has no resource kind "${kind}": is the installed package older than the stack?`);
    }
    let provider = providers.get(kind);
    if (!provider) {
        provider = makeProvider(kind as Kind, resolveHost);
        providers.set(kind, provider);
    }
    return provider;
}

const OPERATIONS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Gives a stub loaded from state (sdk/provider-stub.ts) the operations of its kind's provider. The
 * stub calls this from `configure`, which the dynamic-provider host runs before anything else.
 */
export function attach(stub: Record<string, unknown>, kind: string): void {
    const provider = providerFor(kind);
    for (const operation of OPERATIONS) {
        stub[operation] = provider[operation]?.bind(provider);
    }
}
