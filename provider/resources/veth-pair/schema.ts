// Inputs and state of a VethPair.
import { z } from "zod";
import { mtu } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { ownerTag } from "../../schemas/owner";
import { interfaceName, namespaceName } from "../../schemas/names";
import { addressList } from "../bridge/schema";

export const vethPairInputs = z.object({
    hostName: interfaceName,
    peerName: interfaceName,
    namespace: namespaceName,
    bridge: interfaceName.optional(),
    addresses: addressList,
    mtu: mtu.optional(),
    connection: connection.optional(),
    ownerTag,
});

export type VethPairInputs = z.infer<typeof vethPairInputs>;

export interface VethPairState extends VethPairInputs {
    mtu: number;
}
