// AddressPool: a Network's address plan, kept in state so that adding or removing a member never
// moves another one. It touches no machine.
import { defineKind } from "../common/kind";
import { allocate } from "./allocate";
import { addressPoolInputs, addressPoolState } from "./schema";

export const addressPoolKind = defineKind({
    summary: "A Network's address plan: each member's addresses, allocated once and kept.",
    internal: true,
    inputs: addressPoolInputs,
    state: addressPoolState,
    // Another subnet is another plan: every member is addressed anew.
    fields: { network: "replace", subnet: "replace", subnet6: "replace", members: "update" },
    tools: [],
    label: (pool) => pool.network,
    id: (pool) => pool.network,
    create: async (_host, inputs) => ({ ...inputs, allocations: allocate(inputs, inputs.members) }),
    observe: async (_host, pool) => ({ found: "ours", live: pool }),
    update: async (_host, live, inputs) => ({ ...inputs, allocations: allocate(inputs, inputs.members, live.allocations) }),
    remove: async () => undefined,
});
