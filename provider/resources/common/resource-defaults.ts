// What a resource's inputs take from the resource itself rather than the program: kernel names
// defaulted to the resource's name, the owner tag (made once, from the stack's identity, then kept
// for the resource's whole life), and the name its stack and resource go by in the machine's owner
// records (forwarding). A door says who the resource is; the rules are here, the same for both.
import type { PublicKind } from "../../package-schema/public-kinds";
import type { Kind } from "../registry";
import { kinds } from "../registry";
import { objectKeys } from "../state-fields";
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
export function withResourceDefaults(kind: Kind, info: PublicKind, who: ResourceIdentity, olds: Props, news: Props): Props {
    const inputs = { ...news };
    for (const field of info.namedAfterResource ?? []) {
        inputs[field] ??= who.name;
    }
    inputs.ownerTag = typeof olds.ownerTag === "string" ? olds.ownerTag : ownerTagOf(who.stackIdentity, who.place);
    if (objectKeys(kinds[kind].inputs).includes("ownerName")) {
        inputs.ownerName ??= { stack: who.stackName, resource: who.name };
    }
    return inputs;
}
