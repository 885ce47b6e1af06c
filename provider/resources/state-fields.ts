// The fields of each kind's state, from its kind model: the SDK registers every one as an output
// (through the generated kindFacts), so a resource made with required arguments only still has
// every output it documents.
import { kindModels } from "./kind-model";
import type { Kind } from "./registry";

/** Every field of a kind's state. */
export const stateFields = (kind: Kind): string[] => kindModels()[kind].state.map((field) => field.name);
