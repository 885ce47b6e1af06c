// The members of a component whose methods arrive as separate calls (Network.attach from Python,
// Go or YAML): the engine sends one call per member, all at once after the component exists, and
// never says that the program has made its last one. The list is taken as complete once no member
// has arrived for a moment; a member arriving after that is refused, as the TypeScript SDK refuses
// an attach() made after the program's own code has run.

export class WindowRoster<T> {
    private readonly items: T[] = [];
    private closed = false;
    private timer?: NodeJS.Timeout;
    private resolveAll!: (items: T[]) => void;
    /** Every member, once the calls have stopped arriving (or close() was called). */
    readonly all: Promise<T[]>;

    constructor(private readonly quietMs: number) {
        this.all = new Promise((resolve) => {
            this.resolveAll = resolve;
        });
    }

    get isClosed(): boolean {
        return this.closed;
    }

    /** Adds a member and waits `quietMs` more for the next; after the list closed, throws `tooLate`. */
    add(item: T, tooLate: string): void {
        if (this.closed) {
            throw new Error(tooLate);
        }
        this.items.push(item);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.close(), this.quietMs);
    }

    /** No more members: the list is what it holds now. */
    close(): void {
        if (!this.closed) {
            this.closed = true;
            clearTimeout(this.timer);
            this.resolveAll(this.items);
        }
    }
}
