// A Network's address plan, kept in state: see provider/resources/address-pool.
import type * as pulumi from "@pulumi/pulumi";
import type { AddressPoolInputs, AddressPoolState } from "./kind-types";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

export type AddressPoolArgs = ArgsOf<AddressPoolInputs>;

export interface AddressPool extends OutputsOf<AddressPoolState> {}

/** Each member's addresses, allocated once and kept: adding or removing a member moves no other. */
export class AddressPool extends NetnsResource {
    constructor(name: string, args: AddressPoolArgs, opts?: pulumi.CustomResourceOptions) {
        super("AddressPool", name, args, opts);
    }
}
