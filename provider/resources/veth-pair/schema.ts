// Inputs and state of a VethPair.
import { z } from "zod";
import { addressList, mtu } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { allowOverlap } from "../../schemas/guard";
import { interfaceName, namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

export const vethPairInputs = z.object({
    /** The host end's name, at most 15 characters. */
    hostName: interfaceName,
    /** The peer's name inside the namespace, at most 15 characters. */
    peerName: interfaceName,
    /** The namespace that holds the peer. */
    namespace: namespaceName,
    /** A bridge to enslave the host end to. */
    bridge: interfaceName.optional(),
    /** Addresses of the peer, e.g. "192.168.1.10/24". The peer holds exactly these. @default [] */
    addresses: addressList,
    /** The MTU of both ends; absent leaves the kernel's default. */
    mtu: mtu.optional(),
    /** Put the peer on a network the machine already has (refused at preview without it). @default false */
    allowOverlap,
    connection: connection.optional(),
    ownerTag,
});

export const vethPairState = vethPairInputs.extend({ mtu: z.number() });

export type VethPairInputs = z.infer<typeof vethPairInputs>;
export type VethPairState = z.infer<typeof vethPairState>;
