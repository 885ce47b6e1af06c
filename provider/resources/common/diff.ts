// Pure diff rules shared by all kinds: each field either replaces the object or updates it in place.
import type * as pulumi from "@pulumi/pulumi";
import { type Connection, machineOf } from "../../schemas/connection";
import { containsUnknown } from "./unknown";

type Props = Record<string, unknown>;

export interface DiffRules {
    /** Fields whose change means a new kernel object. */
    replace: readonly string[];
    /** Fields changed in place. */
    update: readonly string[];
    /** Fields whose absence from the new inputs leaves the kernel's value alone (e.g. mtu). */
    keepWhenAbsent?: readonly string[];
    /** Fields that together form the kernel's name: unchanged, the old object must go first. Empty: no name. */
    kernelName: readonly string[];
    /** Replace delete-first even when the kernel name changes. */
    deleteFirst?: boolean;
    /** Field-specific equality, e.g. address lists compared as sets. */
    equal?: Readonly<Record<string, (a: unknown, b: unknown) => boolean>>;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function diffProps(olds: Props, news: Props, rules: DiffRules): pulumi.dynamic.DiffResult {
    const changed = (field: string): boolean => {
        const next = news[field];
        if (next === undefined && rules.keepWhenAbsent?.includes(field)) {
            return false;
        }
        if (containsUnknown(next)) {
            return true;
        }
        return !(rules.equal?.[field] ?? same)(olds[field], next);
    };

    const replaces = rules.replace.filter(changed);
    const updates = rules.update.filter(changed);
    // Read marks state whose kernel objects drifted in part; an update puts them back.
    if (olds.inSync === false && replaces.length === 0) {
        updates.push("inSync");
    }

    const oldConn = olds.connection as Connection | undefined;
    const newConn = news.connection as Connection | undefined;
    if (containsUnknown(newConn) || machineOf(oldConn) !== machineOf(newConn)) {
        replaces.push("connection");
    } else if (!same(oldConn, newConn)) {
        // New credentials for the same machine: no kernel change, but state must hold them.
        updates.push("connection");
    }

    // Objects without a kernel name (iptables rules) can be made anew before the old ones go.
    const sameKernelName = rules.kernelName.length > 0 && rules.kernelName.every((f) => !replaces.includes(f));
    // A new host may be the same machine under another name: created first, the new object would
    // adopt the old one (same owner tag), and the old resource's delete would then remove it.
    const otherHost = replaces.includes("connection");
    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (otherHost || sameKernelName || rules.deleteFirst === true),
    };
}
