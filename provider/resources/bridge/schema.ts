// Inputs and state of a Bridge.
import { z } from "zod";
import { addressList, mtu } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { allowOverlap } from "../../schemas/guard";
import { interfaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

export const bridgeInputs = z.object({
    /** The interface name, at most 15 characters. @default the resource name */
    name: interfaceName,
    /** Addresses with prefix length, e.g. "192.168.1.1/24". The bridge holds exactly these. @default [] */
    addresses: addressList,
    /** The MTU; absent leaves the kernel's default. */
    mtu: mtu.optional(),
    /** Share a network the machine already has (refused at preview without it). @default false */
    allowOverlap,
    connection: connection.optional(),
    ownerTag,
});

export const bridgeState = bridgeInputs.extend({
    /** The MTU the kernel reports (its default when none was asked for). */
    mtu: z.number(),
    macAddress: z.string(),
});

export type BridgeInputs = z.infer<typeof bridgeInputs>;
export type BridgeState = z.infer<typeof bridgeState>;
