// Inputs and state of a Namespace.
import { z } from "zod";
import { adopt } from "../../schemas/adopt";
import { connection } from "../../schemas/connection";
import { namespaceName } from "../../schemas/names";
import { ownerTag } from "../../schemas/owner";

export const namespaceInputs = z.object({
    /** The namespace's name under /run/netns. @default the resource name */
    name: namespaceName.describe("The namespace's name under /run/netns. Default: the resource name."),
    /** Bring `lo` up inside the namespace. @default true */
    loopbackUp: z.boolean().default(true).describe("Bring `lo` up inside the namespace. Default: true."),
    adopt,
    connection: connection.optional(),
    ownerTag,
});

export type NamespaceInputs = z.infer<typeof namespaceInputs>;
