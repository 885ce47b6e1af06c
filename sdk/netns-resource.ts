// What every pulumi-netns resource class shares: the serialized stub of its kind, the connection
// marked secret, the owner tag, its output-only fields; and the compile-time tie between a class's
// Args and its kind's schema, so names and types cannot drift apart and defaults live in the schema.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { Kind } from "../provider/resources/registry";
import { type CommonArgs, secretConnection } from "./connection";
import { ownerTagFor } from "./owner";
import { providerStub } from "./provider-stub";

export abstract class NetnsResource extends pulumi.dynamic.Resource {
    /** The name this resource was declared with (its Pulumi name, not its kernel name). */
    readonly resourceName: string;

    /**
     * @param outputs fields the provider fills in (absent from the inputs), so they exist on the class.
     */
    protected constructor(kind: Kind, name: string, args: CommonArgs, opts: pulumi.CustomResourceOptions | undefined, outputs: readonly string[] = []) {
        super(
            providerStub(kind),
            name,
            {
                ...args,
                connection: secretConnection(args.connection),
                ownerTag: ownerTagFor(kind, name, opts),
                ...Object.fromEntries(outputs.map((field) => [field, undefined])),
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

/** A schema's input type, without what every kind takes; `Defaulted` fields the class fills in become optional. */
type SchemaArgs<S extends z.ZodType, Defaulted extends string = never> = Omit<z.input<S>, "connection" | "ownerTag" | Defaulted> &
    Partial<Pick<z.input<S>, Defaulted & keyof z.input<S>>>;

/**
 * One field as a program passes it: a value or an Output, a list element by element. An optional
 * field also takes an Output that may hold nothing (e.g. `getHostNetworkOutput().uplink`).
 */
type InputOf<T> = [NonNullable<T>] extends [readonly (infer E)[]] ? pulumi.Input<pulumi.Input<E>[]> : pulumi.Input<T>;

/**
 * A kind's Args, derived from its input schema: each field, its type, its optionality (a field
 * with a default is optional) and its documentation are declared once, in the schema.
 */
export type ArgsOf<S extends z.ZodType, Defaulted extends string = never> = {
    [K in keyof SchemaArgs<S, Defaulted>]: InputOf<SchemaArgs<S, Defaulted>[K]>;
} & CommonArgs;

/** A kind's outputs: every field of its state, as Outputs (merged into the class of the same name). */
export type OutputsOf<S extends z.ZodType> = {
    readonly [K in Exclude<keyof z.output<S>, "connection" | "ownerTag">]-?: pulumi.Output<z.output<S>[K]>;
};

/** What an iptables kind adds to its state: the rules it owns, as typed on a command line. */
export interface RuleSetOutputs {
    /** The main rule. */
    readonly ruleSpec: pulumi.Output<string>;
    /** Every rule the resource owns. */
    readonly rules: pulumi.Output<string[]>;
}
