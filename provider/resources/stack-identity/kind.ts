// StackIdentity: a random id made once per stack and kept in its state. Owner tags derive from it,
// so two stacks with the same organization, project, stack and resource names (two people's DIY
// backends) never take each other's kernel objects for their own. It touches no machine.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { defineKind } from "../common/kind";

const identity = z.object({ stackId: z.string().regex(/^[0-9a-f]{32}$/) });

export const stackIdentityKind = defineKind({
    summary: "The stack's identity: a random id kept in its state, from which owner tags are derived.",
    internal: true,
    inputs: z.looseObject({}),
    state: identity,
    // Nothing about it can change: the id is made once and kept for the life of the stack.
    fields: {},
    tools: [],
    label: () => "pulumi-netns",
    id: (s) => s.stackId,
    create: async () => ({ stackId: randomBytes(16).toString("hex") }),
    observe: async (_host, state) => ({ found: "ours", live: state }),
    update: async (_host, live) => live,
    remove: async () => undefined,
});
