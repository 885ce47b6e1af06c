// One definition per resource kind: its schemas, a typed table saying what each input field's change
// does, and its kernel work (create, observe, update, remove) against one Host. Everything the
// kinds share (parsing, check, diff, errors, the ownership protocol) lives in run-kind.ts.
import type { z } from "zod";
import type { BootEntry } from "../../boot/entry";
import type { Host } from "../../host/host";
import type { Existing } from "./adopt";

/**
 * What a change of an input field does:
 * - "name": replaces the object; the field is part of its kernel name, so when no "name" field
 *   changes the old object must go first (same name);
 * - "replace": replaces the object;
 * - "update": changed in place;
 * - "update-if-set": changed in place, and left to the kernel when absent (e.g. an MTU);
 * - "update-address-set": an address list, compared as a set in the kernel's spelling.
 */
export type FieldChange = "name" | "replace" | "update" | "update-if-set" | "update-address-set";

/** Inputs every kind takes; the runner handles them. */
export interface CommonInputs {
    connection?: unknown;
    ownerTag?: string;
    /** Take over a hand-made object of the same name (see adopt.ts); never part of a diff. */
    adopt?: boolean;
}

/** A field table must name every input field but the common ones: a field left out does not compile. */
export type FieldTable<I> = { readonly [K in Exclude<keyof I, keyof CommonInputs>]-?: FieldChange };

/**
 * What the kernel holds for a resource's state. `drifted` (for kinds that can drift, see
 * `drifts`): ours, but not in the shape the state says; the runner records it, the next update
 * puts it right.
 */
export type Observed<S> = { found: "gone" } | { found: "not-ours"; owner: string } | { found: "ours"; live: S; drifted?: boolean };

/**
 * A kind's definition; its name is its key in the registry (provider/resources/registry.ts). `In`
 * is what its input schema accepts (defaults optional): the SDK's Args are generated from it.
 */
export interface KindDefinition<I extends CommonInputs, S extends I, In = unknown> {
    /** What the resource is, in one sentence: its summary in the package schema (and so every SDK). */
    summary: string;
    /** Fields that take the resource's name when absent, in both doors. */
    namedAfterResource?: readonly (keyof I & string)[];
    /** Only the TypeScript SDK's own classes and components make it: not in the package schema. */
    internal?: boolean;
    inputs: z.ZodType<I, In>;
    /** The state: the inputs and what the kernel reported; lenient about facts older versions lacked. */
    state: z.ZodType<S>;
    fields: FieldTable<I>;
    /** Its objects can be ours yet drifted in part (observe says `drifted`): its state then carries the runner's `inSync`. */
    drifts?: boolean;
    /** Replace delete-first even when the kernel name changes (a namespace takes its veths along). */
    deleteFirst?: boolean;
    /** Programs it runs on this machine, checked at preview. */
    tools: readonly string[];
    /** Names the object in errors: `Bridge "br0": ...`. */
    label(inputs: I): string;
    id(state: S): string;
    /**
     * A reason the host would defeat the resource (a FORWARD DROP policy) or the resource would harm
     * the host (a guard rail), judged at preview and again before a remote create. `own` holds the
     * resource's own owner labels, so its own objects never count against it.
     */
    judge?(host: Host, inputs: I, where: string, own: readonly string[]): Promise<{ property: string; reason: string } | undefined>;
    /** Addresses with prefix it will put on the machine, declared at check (see declared-networks.ts). */
    declares?(inputs: I): readonly string[];
    /** A reason the machine alone would defeat the resource (no systemd), judged at preview even while inputs are unknown. */
    judgeMachine?(host: Host): Promise<{ property: string; reason: string } | undefined>;
    /**
     * Completes the inputs at check with what the machine decides (the firewall backend a rule set
     * gets), or says why the machine cannot take the resource; run wherever preview may read it.
     */
    complete?(
        host: Host,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<{ inputs: Record<string, unknown> } | { failure: { property: string; reason: string } }>;
    /**
     * What already holds the resource's kernel name: judged at preview (a clash names the way to
     * adopt it; with `adopt`, each field that differs), and by create when adopting.
     */
    existing?(host: Host, inputs: I): Promise<Existing>;
    /** Makes the object; undoes its own steps if one fails. */
    create(host: Host, inputs: I): Promise<S>;
    observe(host: Host, state: S): Promise<Observed<S>>;
    /** Puts the object (observed as ours: `live`, `drifted` or not) into the shape of `inputs`. */
    update(host: Host, live: S, inputs: I, drifted: boolean): Promise<S>;
    /** Removes the object (observed as ours); "already gone" is success. */
    remove(host: Host, state: S): Promise<void>;
    /**
     * What puts the object back at boot, from its state (see provider/boot): absent for kinds whose
     * objects survive a reboot by themselves (files on disk) or make nothing.
     */
    boot?(state: S): BootEntry;
}

/** For kinds whose kernel name is their `name` field: how errors name them, and their id. */
export const byName = <I extends { name: string }, S extends I = I>() => ({
    label: (x: I): string => x.name,
    id: (x: S): string => x.name,
});

/** Declares a kind; the identity function that makes the compiler check it. */
export const defineKind = <I extends CommonInputs, S extends I, In>(definition: KindDefinition<I, S, In>): KindDefinition<I, S, In> => definition;
