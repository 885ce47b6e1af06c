// StackIdentity: a random id made once per stack and kept in its state. Owner tags derive from it,
// so two stacks with the same organization, project, stack and resource names (two people's DIY
// backends) never take each other's kernel objects for their own. It touches no machine.
import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

const state = z.object({ stackId: z.string().regex(/^[0-9a-f]{32}$/) });

export function stackIdentityProvider(): pulumi.dynamic.ResourceProvider {
    return {
        check: async (_olds, news) => ({ inputs: news, failures: [] }),
        // Nothing about it can change: the id is made once and kept for the life of the stack.
        diff: async () => ({ changes: false }),
        create: async () => {
            const stackId = randomBytes(16).toString("hex");
            return { id: stackId, outs: { stackId } };
        },
        read: async (id, props) => ({ id, props: state.parse(props) }),
        update: async (_id, olds) => ({ outs: state.parse(olds) }),
        delete: async () => undefined,
    };
}
