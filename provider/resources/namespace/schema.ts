// Inputs and state of a Namespace.
import { z } from "zod";
import { connection } from "../../schemas/connection";
import { namespaceName } from "../../schemas/names";

export const namespaceInputs = z.object({
    name: namespaceName,
    loopbackUp: z.boolean().default(true),
    connection: connection.optional(),
});

export type NamespaceInputs = z.infer<typeof namespaceInputs>;

export interface NamespaceState extends NamespaceInputs {
    /** Written as the alias of the namespace's `lo`: the namespace's owner mark. */
    ownerTag: string;
}
