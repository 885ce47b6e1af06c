// The provider object Pulumi serializes into state. It must stay tiny and stateless: it holds no
// code of its own, so state never holds code that refresh or destroy would have to run later, and
// every resource's state stays small (the engine rewrites the whole state after each step, so
// bytes per resource cost time in every `up` and `destroy`).
import type * as pulumi from "@pulumi/pulumi";

/**
 * One stub per kind, made once: the engine's SDK caches each provider object's serialized form, so
 * a program with hundreds of resources serializes the stub's closure once per kind, not per resource.
 */
const stubs = new Map<string, pulumi.dynamic.ResourceProvider>();

export function providerStub(kind: string): pulumi.dynamic.ResourceProvider {
    let stub = stubs.get(kind);
    if (!stub) {
        stub = makeStub(kind);
        stubs.set(kind, stub);
    }
    return stub;
}

/**
 * The dynamic-provider host calls `configure` once, right after it loads a stub from state and
 * before any other method; the installed package then gives the stub its kind's methods.
 */
function makeStub(kind: string): pulumi.dynamic.ResourceProvider {
    const stub = {
        // No comment inside: the serializer copies this function's text into every resource's state.
        async configure() {
            require("pulumi-netns/provider").attach(this, kind);
        },
    };
    // The engine's type asks for `create` up front; it is there by the time the engine calls it.
    return stub as unknown as pulumi.dynamic.ResourceProvider;
}
