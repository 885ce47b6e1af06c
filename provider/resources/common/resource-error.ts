// Errors that name the resource kind and kernel object, so `pulumi up` output says what failed.
import type { Link } from "../../linux/ip-json";
import { describeOwner } from "./owner";

export class ResourceError extends Error {
    constructor(kind: string, name: string, message: string, options?: { cause?: unknown }) {
        super(`${kind} "${name}": ${message}`, options);
        this.name = "ResourceError";
    }
}

/** Wraps any failure of an operation with the resource it was for, keeping the cause. */
export async function forResource<T>(kind: string, name: string, op: () => Promise<T>): Promise<T> {
    try {
        return await op();
    } catch (err) {
        if (err instanceof ResourceError) {
            throw err;
        }
        throw new ResourceError(kind, name, (err as Error).message ?? String(err), { cause: err });
    }
}

/** Create found an object of the same name that it did not make: never taken over silently. */
export function alreadyExists(kind: string, name: string, what: string, where: string, owner: string, removeWith: string): ResourceError {
    return new ResourceError(
        kind,
        name,
        `${what} with this name already exists on ${where} and this resource did not create it (${owner}). ` +
            `Remove it ("${removeWith}") or give this resource another name.`,
    );
}

/** Create found a link of this name in the host's namespace (of any kind) that it did not make. */
export function linkTaken(kind: string, name: string, link: Link | undefined, where: string): ResourceError {
    return alreadyExists(kind, name, link?.kind ? `a ${link.kind} interface` : "an interface", where, describeOwner(link?.alias), `ip link del ${name}`);
}

/** Delete found an object of the same name that is not ours: it is left alone. */
export function notOurs(kind: string, name: string, owner: string): ResourceError {
    return new ResourceError(
        kind,
        name,
        `exists but is not the one this resource created (${owner}); it was left alone. If it is no longer ` +
            "yours to manage, drop it from the stack with `pulumi state delete <urn>`.",
    );
}

/** Update found the object missing: the state is stale. */
export function goneOnUpdate(kind: string, name: string): ResourceError {
    return new ResourceError(kind, name, "is gone or no longer ours; run `pulumi refresh`, then `pulumi up` recreates it");
}
