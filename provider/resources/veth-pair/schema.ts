// Inputs and state of a VethPair.
import { z } from "zod";
import { addressList, mtu } from "../../schemas/addresses";
import { connection } from "../../schemas/connection";
import { interfaceName, namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

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

export const vethPairState = vethPairInputs.extend({ mtu: z.number() });

export type VethPairInputs = z.infer<typeof vethPairInputs>;
export type VethPairState = z.infer<typeof vethPairState>;
