// What a resource's inputs take from the resource itself rather than the program: kernel names
// defaulted to the resource's name, the owner tag (made once, from the stack's identity, then kept
// for the resource's whole life), and the name its stack and resource go by in the machine's owner
// records (forwarding). A door says who the resource is; the rules are here, the same for both.
import { kindModels } from "../kind-model";
import { type Kind, kinds } from "../registry";
import { ownerTagOf } from "./owner-tag";

type Props = Record<string, unknown>;

/** Who a resource is: its name, and its stack's identity and name. */
export interface ResourceIdentity {
    /** The resource's Pulumi name. */
    name: string;
    /** Its stack's identity, which owner tags derive from. */
    stackIdentity: string;
    /** Its place in the stack (type chain or parent, type, name), unique within the stack. */
    place: string;
    /** How the machine's owner records name its stack ("project/stack"). */
    stackName: string;
}

/** The inputs with what they take from the resource; `olds` are the inputs last recorded (a tag is kept). */
export function withResourceDefaults(kind: Kind, who: ResourceIdentity, olds: Props, news: Props): Props {
    const inputs = { ...news };
    for (const field of kinds[kind].namedAfterResource ?? []) {
        inputs[field] ??= who.name;
    }
    inputs.ownerTag = typeof olds.ownerTag === "string" ? olds.ownerTag : ownerTagOf(who.stackIdentity, who.place);
    if (kindModels()[kind].inputs.some((f) => f.name === "ownerName")) {
        inputs.ownerName ??= { stack: who.stackName, resource: who.name };
    }
    return inputs;
}
