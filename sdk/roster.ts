// The members a component collects from the program (Network.attach, Overlay.attach): they are all
// known once the program's own synchronous code has run, and a member added later is refused,
// since the component's address pool has already been given the list.

export class Roster<T> {
    private readonly items: T[] = [];
    private closed = false;
    /** Every member, once the program's own code has declared them all. */
    readonly all: Promise<T[]>;

    constructor() {
        this.all = new Promise((resolve) =>
            setImmediate(() => {
                this.closed = true;
                resolve(this.items);
            }),
        );
    }

    /** Adds a member; after the program's code has run, throws `tooLate` instead. */
    add(item: T, tooLate: string): void {
        if (this.closed) {
            throw new Error(tooLate);
        }
        this.items.push(item);
    }
}
