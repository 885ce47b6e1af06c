// Pure parts of the owner records of a host-wide switch (a forwarding sysctl): which resources,
// of any stack, want it on, and the value it had before the first of them. They live as empty
// files under /run/pulumi-netns (tmpfs: gone at reboot, as the switch's value is), named so that
// plain `ls`, `touch` and `rm` keep them, without a shell or file contents.

export const RECORDS_ROOT = "/run/pulumi-netns/switches";

/** The records directory of one switch, e.g. /run/pulumi-netns/switches/net.ipv4.ip_forward. */
export const recordsDir = (key: string): string => `${RECORDS_ROOT}/${key}`;

export const ownerFile = (key: string, tag: string): string => `${recordsDir(key)}/owner.${tag}`;
export const previousFile = (key: string, value: number): string => `${recordsDir(key)}/previous.${value}`;

/** Equivalent to: `mkdir -p DIR`. */
export const makeDir = (key: string): string[] => ["mkdir", "-p", recordsDir(key)];
/** Equivalent to: `ls -1 DIR` (fails when the directory is not there: no records). */
export const listDir = (key: string): string[] => ["ls", "-1", recordsDir(key)];
/** Equivalent to: `touch FILE`. */
export const touch = (file: string): string[] => ["touch", file];
/** Equivalent to: `rm -f FILE`. */
export const remove = (file: string): string[] => ["rm", "-f", file];
/** Equivalent to: `rmdir DIR` (only when empty). */
export const removeDir = (key: string): string[] => ["rmdir", recordsDir(key)];

export interface SwitchRecords {
    /** Owner tags of the resources that want the switch on. */
    owners: string[];
    /** The value before the first owner turned it on, if recorded. */
    previous?: number;
}

/** Reads `ls -1` of a records directory. */
export function parseRecords(listing: string): SwitchRecords {
    const names = listing
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    const owners = names.filter((n) => /^owner\.[0-9a-f]+$/.test(n)).map((n) => n.slice("owner.".length));
    const previous = names.map((n) => /^previous\.(\d+)$/.exec(n)?.[1]).find((v) => v !== undefined);
    return { owners, ...(previous !== undefined ? { previous: Number(previous) } : {}) };
}
