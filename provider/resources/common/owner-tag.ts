// The owner tag of a resource, derived from its stack's identity and its place in the stack, so it is
// the same at every run of one stack (a create cut off before the engine recorded it is adopted by
// the next `up`, in either door) and different in any other stack. The TypeScript SDK's stack
// identity is a random id kept in the stack's state (sdk/owner.ts); the plugin's is the stack and
// project its resources' URNs name (the plugin cannot make a resource of its own to hold an id).
import { createHash } from "node:crypto";

/** 12 hex digits of sha256("IDENTITY/PLACE"); PLACE is "PARENT-URN/TYPE/NAME" in the SDK, "TYPE-CHAIN/NAME" in the plugin. */
export const ownerTagOf = (identity: string, place: string): string => createHash("sha256").update(`${identity}/${place}`).digest("hex").slice(0, 12);
