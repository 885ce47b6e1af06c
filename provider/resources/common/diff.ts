// The diff of every kind, derived from its field table: which fields replace the object, which
// update it in place, and whether the old object must go first.
import type * as pulumi from "@pulumi/pulumi";
import { connectionOf, machineOf } from "../../../shared/machine";
import { sameAddresses } from "./addresses";
import { envelopeOf } from "./envelope";
import type { FieldChange } from "./kind";
import { containsUnknown } from "./unknown";

type Props = Record<string, unknown>;

/** JSON with object keys sorted: the same value however its fields were ordered. */
const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
        v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
    );

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** Whether `field` changed from `olds` to `news`, compared as its change kind says. */
function changed(change: FieldChange, field: string, olds: Props, news: Props): boolean {
    const next = news[field];
    if (next === undefined && change === "update-if-set") {
        return false; // absent: the kernel's value stands
    }
    if (containsUnknown(next)) {
        return true;
    }
    return !(change === "update-address-set" ? sameAddresses : same)(olds[field], next);
}

export function diffFields(fields: Readonly<Record<string, FieldChange>>, olds: Props, news: Props, deleteFirst = false): pulumi.dynamic.DiffResult {
    const entries = Object.entries(fields);
    const replaces = entries.filter(([f, c]) => (c === "name" || c === "replace") && changed(c, f, olds, news)).map(([f]) => f);
    const updates = entries.filter(([f, c]) => c.startsWith("update") && changed(c, f, olds, news)).map(([f]) => f);
    // Read marks state whose kernel objects drifted in part; an update puts them back.
    if (envelopeOf(olds).inSync === false && replaces.length === 0) {
        updates.push("inSync");
    }

    const oldConn = connectionOf(olds);
    const newConn = connectionOf(news);
    if (containsUnknown(news.connection) || machineOf(oldConn) !== machineOf(newConn)) {
        replaces.push("connection");
    } else if (!same(olds.connection, news.connection)) {
        // New credentials for the same machine: no kernel change, but state must hold them.
        updates.push("connection");
    }

    // Objects without a kernel name (iptables rules) can be made anew before the old ones go.
    const names = entries.filter(([, c]) => c === "name").map(([f]) => f);
    const sameKernelName = names.length > 0 && names.every((f) => !replaces.includes(f));
    // A new host may be the same machine under another name: created first, the new object would
    // adopt the old one (same owner tag), and the old resource's delete would then remove it.
    const otherHost = replaces.includes("connection");
    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (otherHost || sameKernelName || deleteFirst),
    };
}
