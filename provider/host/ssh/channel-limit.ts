// OpenSSH serves at most 10 sessions per connection (MaxSessions): more concurrent execs are
// refused, so commands beyond the limit wait their turn here.

export class ChannelLimit {
    private active = 0;
    private readonly waiting: (() => void)[] = [];

    constructor(private readonly max: number) {}

    async run<T>(op: () => Promise<T>): Promise<T> {
        if (this.active >= this.max) {
            await new Promise<void>((resolve) => this.waiting.push(resolve));
        } else {
            this.active++;
        }
        try {
            return await op();
        } finally {
            const next = this.waiting.shift();
            if (next) {
                next(); // the slot passes straight on
            } else {
                this.active--;
            }
        }
    }
}
