// What every pulumi-netns resource class shares: the serialized stub of its kind, the connection
// and the kind's secret fields marked secret, the fields named after the resource filled in, the
// owner tag, every field of its state registered as an output (all read from the generated
// kindFacts, so a program loads no provider module and no zod); and the
// compile-time tie between a class's Args and its kind's schema, so names and types cannot drift
// apart and defaults live in the schema. The schema's types reach this file as the plain
// interfaces of kind-types.ts (generated from the schemas), so the declarations users compile
// never mention zod.
import * as pulumi from "@pulumi/pulumi";
import { type CommonArgs, secretConnection } from "./connection";
import { type KindName, kindFacts } from "./kind-types";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

export abstract class NetnsResource extends pulumi.dynamic.Resource {
    /** The name this resource was declared with (its Pulumi name, not its kernel name). */
    readonly resourceName: string;

    protected constructor(kind: KindName, name: string, args: CommonArgs, opts: pulumi.CustomResourceOptions | undefined) {
        const facts = kindFacts[kind];
        const given = args as Record<string, unknown>;
        super(
            providerStub(kind),
            name,
            {
                // Every field of the kind's state, so each output exists whatever the program left
                // out (the engine makes properties only for the keys registered here).
                ...Object.fromEntries(facts.outputs.map((field) => [field, undefined])),
                ...args,
                ...Object.fromEntries(facts.namedAfterResource.map((field) => [field, given[field] ?? name])),
                ...Object.fromEntries(facts.secret.filter((field) => given[field] !== undefined).map((field) => [field, pulumi.secret(given[field])])),
                connection: secretConnection(args.connection),
                ...persistOf(args),
                ownerTag: ownerTagFor(kind, name, opts),
            },
            // A copy: the engine's SDK writes into the options it is given (provider, protect), and a
            // program often passes one options object to several resources.
            { ...opts, ...(facts.secret.length > 0 ? { additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...facts.secret] } : {}) },
            "netns",
            kind,
        );
        this.resourceName = name;
    }
}

/** The resource's `persist`, else the stack's `pulumi-netns:persist`; nothing when neither says (the default: persistent). */
function persistOf(args: CommonArgs): { persist?: pulumi.Input<boolean> } {
    const persist = args.persist ?? new pulumi.Config("pulumi-netns").getBoolean("persist");
    return persist === undefined ? {} : { persist };
}

/**
 * The fields of a schema: a plain type as kind-types.ts spells it, or (for a kind whose types are
 * not generated yet) a zod schema, read through its type-level `_zod` marker without naming zod.
 */
type InputFields<S> = S extends { _zod: { input: infer I } } ? I : S;
type OutputFields<S> = S extends { _zod: { output: infer O } } ? O : S;

/** A kind's input fields, without what every kind takes. */
type SchemaArgs<S> = Omit<InputFields<S>, "connection" | "ownerTag">;

/**
 * One field as a program passes it: a value or an Output, a list element by element. An optional
 * field also takes an Output that may hold nothing (e.g. `getHostNetworkOutput().uplink`).
 */
type InputOf<T> = [NonNullable<T>] extends [readonly (infer E)[]] ? pulumi.Input<pulumi.Input<E>[]> : pulumi.Input<T>;

/**
 * A kind's Args, derived from its input schema: each field, its type, its optionality (a field
 * with a default is optional) and its documentation are declared once, in the schema.
 */
export type ArgsOf<S> = {
    [K in keyof SchemaArgs<S>]: InputOf<SchemaArgs<S>[K]>;
} & CommonArgs;

/** A kind's outputs: every field of its state, as Outputs (merged into the class of the same name). */
export type OutputsOf<S> = {
    readonly [K in Exclude<keyof OutputFields<S>, "connection" | "ownerTag">]-?: pulumi.Output<OutputFields<S>[K]>;
};
