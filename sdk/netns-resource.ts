// What every pulumi-netns resource class shares: the serialized stub of its kind, the connection
// marked secret, the owner tag, every field of its state registered as an output; and the
// compile-time tie between a class's Args and its kind's schema, so names and types cannot drift
// apart and defaults live in the schema. The schema's types reach this file as the plain
// interfaces of kind-types.ts (generated from the schemas), so the declarations users compile
// never mention zod.
import * as pulumi from "@pulumi/pulumi";
import { stateFields } from "../provider/resources/state-fields";
import { type CommonArgs, secretConnection } from "./connection";
import type { KindName } from "./kind-types";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

export abstract class NetnsResource extends pulumi.dynamic.Resource {
    /** The name this resource was declared with (its Pulumi name, not its kernel name). */
    readonly resourceName: string;

    protected constructor(kind: KindName, name: string, args: CommonArgs, opts: pulumi.CustomResourceOptions | undefined) {
        super(
            providerStub(kind),
            name,
            {
                // Every field of the kind's state, so each output exists whatever the program left
                // out (the engine makes properties only for the keys registered here).
                ...Object.fromEntries(stateFields(kind).map((field) => [field, undefined])),
                ...args,
                connection: secretConnection(args.connection),
                ...persistOf(args),
                ownerTag: ownerTagFor(kind, name, opts),
            },
            // A copy: the engine's SDK writes into the options it is given (provider, protect), and a
            // program often passes one options object to several resources.
            { ...opts },
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

/** A kind's input fields, without what every kind takes; `Defaulted` fields the class fills in become optional. */
type SchemaArgs<S, Defaulted extends string = never> = Omit<InputFields<S>, "connection" | "ownerTag" | Defaulted> &
    Partial<Pick<InputFields<S>, Defaulted & keyof InputFields<S>>>;

/**
 * One field as a program passes it: a value or an Output, a list element by element. An optional
 * field also takes an Output that may hold nothing (e.g. `getHostNetworkOutput().uplink`).
 */
type InputOf<T> = [NonNullable<T>] extends [readonly (infer E)[]] ? pulumi.Input<pulumi.Input<E>[]> : pulumi.Input<T>;

/**
 * A kind's Args, derived from its input schema: each field, its type, its optionality (a field
 * with a default is optional) and its documentation are declared once, in the schema.
 */
export type ArgsOf<S, Defaulted extends string = never> = {
    [K in keyof SchemaArgs<S, Defaulted>]: InputOf<SchemaArgs<S, Defaulted>[K]>;
} & CommonArgs;

/** A kind's outputs: every field of its state, as Outputs (merged into the class of the same name). */
export type OutputsOf<S> = {
    readonly [K in Exclude<keyof OutputFields<S>, "connection" | "ownerTag">]-?: pulumi.Output<OutputFields<S>[K]>;
};
