// The stack's identity, made once and kept in its state; see provider/resources/stack-identity.
import * as pulumi from "@pulumi/pulumi";
import { providerStub } from "./provider-stub";

export class StackIdentity extends pulumi.dynamic.Resource {
    declare readonly stackId: pulumi.Output<string>;

    constructor() {
        super(providerStub("StackIdentity"), "pulumi-netns", { stackId: undefined }, {}, "netns", "StackIdentity");
    }
}
