// The provider object Pulumi serializes into state. It must stay tiny and stateless: each method
// loads the installed implementation by package path at call time, so state never holds code
// that refresh or destroy would have to run later.
import type * as pulumi from "@pulumi/pulumi";

export function providerStub(kind: string): pulumi.dynamic.ResourceProvider {
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
        check: (olds, news) => require("pulumi-netns/provider").providerFor(kind).check(olds, news),
        diff: (id, olds, news) => require("pulumi-netns/provider").providerFor(kind).diff(id, olds, news),
        create: (inputs) => require("pulumi-netns/provider").providerFor(kind).create(inputs),
        read: (id, props) => require("pulumi-netns/provider").providerFor(kind).read(id, props),
        update: (id, olds, news) => require("pulumi-netns/provider").providerFor(kind).update(id, olds, news),
        delete: (id, props) => require("pulumi-netns/provider").providerFor(kind).delete(id, props),
    };
}
