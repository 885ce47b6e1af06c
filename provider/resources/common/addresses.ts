// Address lists are sets: compared and reconciled in the kernel's spelling, order ignored.
import { canonicalCidr } from "../../schemas/addresses";

const canonicalSet = (list: unknown): string[] => (Array.isArray(list) ? [...new Set(list.map((a) => canonicalCidr(String(a))))].sort() : []);

export const sameAddresses = (a: unknown, b: unknown): boolean => JSON.stringify(canonicalSet(a)) === JSON.stringify(canonicalSet(b));

/** What to add and remove to turn `current` into `desired`. */
export function addressChanges(current: readonly string[], desired: readonly string[]): { add: string[]; remove: string[] } {
    const have = new Set(current.map(canonicalCidr));
    const want = new Set(desired.map(canonicalCidr));
    return {
        add: desired.filter((a) => !have.has(canonicalCidr(a))),
        remove: current.filter((a) => !want.has(canonicalCidr(a))),
    };
}

/** The kernel's list, spelled as the user spelled it where they are the same address. */
export function inUserSpelling(kernel: readonly string[], user: readonly string[]): string[] {
    const byCanonical = new Map(user.map((a) => [canonicalCidr(a), a]));
    return kernel.map((a) => byCanonical.get(canonicalCidr(a)) ?? a);
}
