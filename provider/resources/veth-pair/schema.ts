// Inputs and state of a VethPair.
import { z } from "zod";
import { addressList, mtu } from "../../schemas/addresses";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { allowOverlap } from "../../schemas/guard";
import { interfaceName, namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

export const vethPairInputs = z.object({
    /** The host end's name, at most 15 characters. */
    hostName: interfaceName.describe("The host end's name, at most 15 characters."),
    /** The peer's name inside the namespace, at most 15 characters. */
    peerName: interfaceName.describe("The peer's name inside the namespace, at most 15 characters."),
    /** The namespace that holds the peer. */
    namespace: namespaceName.describe("The namespace that holds the peer."),
    /** A bridge to enslave the host end to. */
    bridge: interfaceName.optional().describe("A bridge to enslave the host end to."),
    /** Addresses of the peer, e.g. "192.168.1.10/24". The peer holds exactly these. @default [] */
    addresses: addressList.describe('Addresses of the peer, e.g. "192.168.1.10/24". The peer holds exactly these. Default: [].'),
    /** The MTU of both ends; absent leaves the kernel's default. */
    mtu: mtu.optional().describe("The MTU of both ends; absent leaves the kernel's default."),
    /** Put the peer on a network the machine already has (refused at preview without it). @default false */
    allowOverlap: allowOverlap.describe("Put the peer on a network the machine already has (refused at preview without it). Default: false."),
    adopt,
    connection: connection.optional(),
    ownerTag,
});

export const vethPairState = vethPairInputs.extend({ mtu: z.number() });

export type VethPairInputs = z.infer<typeof vethPairInputs>;
export type VethPairState = z.infer<typeof vethPairState>;
