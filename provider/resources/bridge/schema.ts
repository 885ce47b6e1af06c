// Inputs and state of a Bridge.
import { z } from "zod";
import { canonicalCidr, interfaceAddress, mtu } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { ownerTag } from "../../schemas/owner";
import { interfaceName } from "../../schemas/names";

export const addressList = z.array(interfaceAddress).default([]).refine(
    (list) => new Set(list.map(canonicalCidr)).size === list.length, "must not list an address twice");

export const bridgeInputs = z.object({
    name: interfaceName,
    addresses: addressList,
    mtu: mtu.optional(),
    connection: connection.optional(),
    ownerTag,
});

export type BridgeInputs = z.infer<typeof bridgeInputs>;

export interface BridgeState extends BridgeInputs {
    /** The MTU the kernel reports (its default when none was asked for). */
    mtu: number;
    macAddress: string;
}
