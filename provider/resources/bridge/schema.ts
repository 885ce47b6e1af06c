// Inputs and state of a Bridge.
import { z } from "zod";
import { addressList, mtu } from "../../schemas/addresses";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { allowOverlap } from "../../schemas/guard";
import { interfaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

export const bridgeInputs = z.object({
    /** The interface name, at most 15 characters. @default the resource name */
    name: interfaceName.describe("The interface name, at most 15 characters. Default: the resource name."),
    /** Addresses with prefix length, e.g. "192.168.1.1/24". The bridge holds exactly these. @default [] */
    addresses: addressList.describe('Addresses with prefix length, e.g. "192.168.1.1/24". The bridge holds exactly these. Default: [].'),
    /** The MTU; absent leaves the kernel's default. */
    mtu: mtu.optional().describe("The MTU; absent leaves the kernel's default."),
    /** Share a network the machine already has (refused at preview without it). @default false */
    allowOverlap: allowOverlap.describe("Share a network the machine already has (refused at preview without it). Default: false."),
    adopt,
    connection: connection.optional(),
    ownerTag,
});

export const bridgeState = bridgeInputs.extend({
    /** The MTU the kernel reports (its default when none was asked for). */
    mtu: z.number().describe("The MTU the kernel reports (its default when none was asked for)."),
    /** The bridge's MAC address. */
    macAddress: z.string().describe("The bridge's MAC address."),
});

export type BridgeInputs = z.infer<typeof bridgeInputs>;
export type BridgeState = z.infer<typeof bridgeState>;
