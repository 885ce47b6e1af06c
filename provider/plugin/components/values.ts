// The plain value of a component's input: the engine hands a construct or call its inputs as
// values or Outputs (an input that came from another resource), nested anywhere.
import * as pulumi from "@pulumi/pulumi";

/** `input` with every Output inside it awaited; an unknown value (at preview) becomes undefined. */
export async function plainValue(input: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(input)) {
        const value = await new Promise<unknown>((resolve) => {
            // apply runs only on a known value: an unknown one resolves through isKnown.
            (input as unknown as { isKnown: Promise<boolean> }).isKnown.then((known) => (known ? undefined : resolve(undefined)));
            input.apply((v) => resolve(v));
        });
        return plainValue(value);
    }
    if (Array.isArray(input)) {
        return Promise.all(input.map(plainValue));
    }
    if (input !== null && typeof input === "object" && !pulumi.Resource.isInstance(input)) {
        return Object.fromEntries(await Promise.all(Object.entries(input).map(async ([k, v]) => [k, await plainValue(v)])));
    }
    return input;
}
