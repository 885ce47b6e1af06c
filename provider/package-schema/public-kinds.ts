// The kinds other languages reach through the provider plugin: every registered kind but the
// internal ones (the stack's identity, a Network's pool), as their definitions describe them.
import { RUNNER_FIELDS } from "../resources/kind-model";
import { type Kind, kinds } from "../resources/registry";

export interface PublicKind {
    summary: string;
    /** Fields the core fills with the resource's name when absent. */
    namedAfterResource?: readonly string[];
}

export const publicKinds: Partial<Record<Kind, PublicKind>> = Object.fromEntries(
    Object.entries(kinds)
        .filter(([, definition]) => definition.internal !== true)
        .map(([kind, definition]) => [kind, { summary: definition.summary, namedAfterResource: definition.namedAfterResource ?? [] }]),
);

/** Kinds only the TypeScript SDK's classes and components use. */
export const internalKinds: readonly Kind[] = (Object.keys(kinds) as Kind[]).filter((kind) => kinds[kind].internal === true);

/** Fields the runner owns or the core fills in: never in the package schema. */
export const HIDDEN_FIELDS = RUNNER_FIELDS;
