// The host keys a stack has recorded, by machine ("203.0.113.5:22"), as the provider learns them in
// one run: from each resource's state the engine hands it (diff, read, update, delete) and from each
// create. One book per set of hosts (the provider process has one), shared by every kind.
import type { HostResolver } from "../../host/host";

export type MachineKeys = Map<string, string>;

const books = new WeakMap<HostResolver, MachineKeys>();

export function machineKeysOf(resolve: HostResolver): MachineKeys {
    let book = books.get(resolve);
    if (!book) {
        book = new Map();
        books.set(resolve, book);
    }
    return book;
}
