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
    /**
     * @param outputs fields the provider fills in (absent from the inputs), so they exist on the class.
     */
    protected constructor(
        kind: Kind, name: string, args: CommonArgs, opts: pulumi.CustomResourceOptions | undefined,
        outputs: readonly string[] = [],
    ) {
        super(providerStub(kind), name, {
            ...args,
            connection: secretConnection(args.connection),
            ownerTag: ownerTagFor(kind, name, opts),
            ...Object.fromEntries(outputs.map((field) => [field, undefined])),
        }, opts, "netns", kind);
    }
}

/** A class's Args as plain values, without the connection (checked on its own). */
type PlainArgs<A> = { [K in keyof Omit<A, "connection">]: pulumi.Unwrap<A[K]> };
/** A schema's input type, without what every kind takes. */
type SchemaArgs<S extends z.ZodType, Optional extends string = never> =
    Omit<z.input<S>, "connection" | "ownerTag" | Optional> & Partial<Pick<z.input<S>, Optional & keyof z.input<S>>>;

/**
 * `true` only when Args and the schema's inputs have the same fields, optional alike, of the same
 * types; otherwise `never`, and `true satisfies ArgsMatch<...>` fails to compile. `Optional` names
 * fields the class fills in itself (a `name` defaulting to the resource name).
 */
export type ArgsMatch<A, S extends z.ZodType, Optional extends string = never> =
    [PlainArgs<A>] extends [SchemaArgs<S, Optional>] ? ([SchemaArgs<S, Optional>] extends [PlainArgs<A>] ? true : never) : never;
