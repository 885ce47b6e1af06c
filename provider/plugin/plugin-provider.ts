// The provider plugin's resource operations: each `netns:index:<Kind>` served by the same runner as
// the TypeScript SDK's dynamic provider (makeProvider). The plugin says who a resource is (its name,
// its stack from the URN) for the core's defaults (kernel names, owner tag, owner name), adds the
// provider's default connection, and keeps secret, in every result, each field the kind's schema
// marks secret and each value that arrived secret.
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import type { HostResolver } from "../host/host";
import { makeProvider } from "../index";
import { packageSchema } from "../package-schema/generate";
import { type PublicKind, publicKinds } from "../package-schema/public-kinds";
import { markArrivedSecret } from "../resources/common/check";
import { type ResourceIdentity, withResourceDefaults } from "../resources/common/resource-defaults";
import { secretFields } from "../resources/common/secret-fields";
import { type Kind, kinds } from "../resources/registry";
import { call, construct, partOfComponents } from "./components";
import { invokeFunction } from "./functions";
import { keepSecret, type Path, reveal, secretPaths } from "./secrets";

type Props = Record<string, unknown>;

/** What `pulumi:providers:netns` was configured with. */
export interface PluginConfig {
    /** The machine of every resource that names none. */
    connection?: unknown;
}

/** "urn:pulumi:stack::project::parent$netns:index:Bridge::br0" -> { kind: "Bridge", name: "br0", who: ... }. */
export function parseUrn(urn: string): { kind: Kind; info: PublicKind; name: string; who: ResourceIdentity } {
    const parts = urn.split("::");
    const typeChain = parts[2] ?? "";
    const type = typeChain.split("$").pop() ?? "";
    const kind = /^netns:index:(\w+)$/.exec(type)?.[1] as Kind | undefined;
    const info = kind && (publicKinds[kind] ?? partOfComponents(kind));
    if (!kind || !info) {
        throw new Error(`pulumi-resource-netns has no resource type "${type}": is the plugin older than the program's SDK?`);
    }
    const name = parts.slice(3).join("::");
    const stack = (parts[0] ?? "").replace(/^urn:pulumi:/, "");
    const project = parts[1] ?? "";
    return {
        kind,
        info,
        name,
        who: { name, stackIdentity: `urn:pulumi:${stack}::${project}`, place: `${typeChain}/${name}`, stackName: `${project}/${stack}` },
    };
}

export function pluginProvider(version: string, config: () => PluginConfig, resolve: HostResolver): provider.Provider {
    const providers = new Map<Kind, pulumi.dynamic.ResourceProvider>();
    const of = (urn: string) => {
        const { kind } = parseUrn(urn);
        let p = providers.get(kind);
        if (!p) {
            p = makeProvider(kind, resolve);
            providers.set(kind, p);
        }
        return p;
    };
    const schema = JSON.stringify(packageSchema(version));
    /** Results with the kind's secret fields, and what arrived secret in `sent`, marked secret. */
    const secretOf = (urn: string, ...sent: unknown[]) => {
        const def = kinds[parseUrn(urn).kind];
        const fields = new Set([...secretFields(def.inputs), ...secretFields(def.state)]);
        const arrived: Path[] = sent.flatMap((props) => secretPaths(props ?? {}));
        return <T extends Props | undefined>(props: T): T => keepSecret(props, fields, arrived);
    };

    return {
        version,
        getSchema: async () => schema,

        async check(urn, olds, news) {
            const { kind, who } = parseUrn(urn);
            const old = reveal(olds ?? {}) as Props;
            // A refusal never quotes a value that came secret (check names its field instead).
            const inputs = markArrivedSecret(withResourceDefaults(kind, who, old, reveal(news) as Props), secretPaths(news));
            const defaultConnection = config().connection;
            if (inputs.connection === undefined && defaultConnection !== undefined) {
                inputs.connection = defaultConnection;
            }
            // The runner's check takes the resource's name too (the dynamic provider's door has none to give).
            const check = of(urn).check as (olds: Props, news: Props, resourceName: string) => Promise<pulumi.dynamic.CheckResult>;
            const result = await check(old, inputs, who.name);
            return { inputs: secretOf(urn, news)(result.inputs as Props), failures: result.failures?.map((f) => ({ ...f })) };
        },

        async diff(id, urn, olds, news) {
            const result = await of(urn).diff!(id, reveal(olds) as Props, reveal(news) as Props);
            return { changes: result.changes, replaces: result.replaces, deleteBeforeReplace: result.deleteBeforeReplace };
        },

        async create(urn, inputs) {
            const result = await of(urn).create(reveal(inputs) as Props);
            return { id: result.id, outs: secretOf(urn, inputs)(result.outs as Props) };
        },

        async read(id, urn, props) {
            if (Object.keys(props ?? {}).length === 0) {
                // The engine's import (`pulumi import`, the `import` option) reads an object no state describes yet.
                const { kind } = parseUrn(urn);
                throw new Error(
                    `netns:index:${kind} "${id}": the engine's import is not supported by pulumi-resource-netns yet; declare the ` +
                        "resource with adopt: true instead, which takes the object over in place at the next `pulumi up` " +
                        "(`pulumi-netns import --language yaml|python|go` writes the program for everything made by hand)",
                );
            }
            const result = await of(urn).read!(id, reveal(props ?? {}) as Props);
            // No id: the object is gone (refresh drops it).
            return result.id ? { id: result.id, props: secretOf(urn, props)(result.props as Props) } : { id: "", props: {} };
        },

        async update(id, urn, olds, news) {
            const result = await of(urn).update!(id, reveal(olds) as Props, reveal(news) as Props);
            return { outs: secretOf(urn, news)(result.outs as Props) };
        },

        async delete(id, urn, props) {
            await of(urn).delete!(id, reveal(props) as Props);
        },

        construct: (name, type, inputs, options) => construct(version, name, type, inputs, options),
        call,
        invoke: (token, args) => invokeFunction(token, args, config().connection),
    };
}
