// A Network's address plan, kept in state: see provider/resources/address-pool.
import type * as pulumi from "@pulumi/pulumi";
import type { addressPoolInputs, addressPoolState } from "../provider/resources/address-pool/schema";
import { type ArgsOf, NetnsResource, type OutputsOf } from "./netns-resource";

export type AddressPoolArgs = ArgsOf<typeof addressPoolInputs>;

export interface AddressPool extends OutputsOf<typeof addressPoolState> {}

/** Each member's addresses, allocated once and kept: adding or removing a member moves no other. */
export class AddressPool extends NetnsResource {
    constructor(name: string, args: AddressPoolArgs, opts?: pulumi.CustomResourceOptions) {
        super("AddressPool", name, args, opts, ["allocations"]);
    }
}
