// Pure parts of the owner records of a forwarding switch: which resources, of any stack and any
// process, want it on in one network namespace, and the value it had before the first of them.
//
// The records live under /run/pulumi-netns (tmpfs: gone at reboot, as the switch's value is), one
// directory per network namespace and boot, named by the kernel's identity of the namespace (the
// inode of /proc/self/ns/net) and the boot id: namespaces that share /run (containers, simulated
// machines) never mix. Every read and write of them, and of the switch itself, happens in one fixed
// POSIX sh program run under `flock` on one lock file: one critical section per machine, across
// processes, over SSH as locally. User values never become shell text: the program reads them as
// arguments, and the provider checks each against a pattern first.
//
// No other user may touch them: /run/pulumi-netns is root's alone (0700), the lock 0600 (flock takes
// a lock through any descriptor, a read-only one too), both made and checked through the file client
// before the lock is taken; the program runs under umask 077, writes each record to a temporary file
// renamed into place, and counts no record root did not write.

/** The directory of everything pulumi-netns keeps on a machine at run time: root's alone. */
export const RUN_DIR = "/run/pulumi-netns";
export const RUN_DIR_MODE = 0o700;
export const LOCK_MODE = 0o600;
/** The records of every namespace and switch: ROOT/ns-<inode>-<boot id>/<switch>/{owner.<tag>,previous.<value>}. */
export const RECORDS_ROOT = "/run/pulumi-netns/switches";
/** The lock every change of the records takes (beside them: never removed). */
export const RECORDS_LOCK = "/run/pulumi-netns/switches.lock";
/** Longest wait for the lock before the command fails, in seconds (PULUMI_NETNS_LOCK_WAIT_SECONDS sets it). */
export const lockWaitSeconds = (): number => Number(process.env.PULUMI_NETNS_LOCK_WAIT_SECONDS ?? 30);
/** flock's exit status when the wait ran out (`-E`): told apart from the program's own. */
export const LOCK_TIMEOUT_EXIT = 75;

/** The switches the records may name. */
export const SWITCH_KEYS = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"] as const;
export type SwitchKey = (typeof SWITCH_KEYS)[number];

const TAG = /^[0-9a-f]{12}$/;

/**
 * The program (one line, so the SSH command runner carries it as one argument). Arguments: ROOT OP
 * KEY TAG EXTRA. OP is join (EXTRA: the owner's name, one line), leave (EXTRA: the value to restore
 * if none is recorded) or list. Records of the layout before namespaces were told apart
 * (ROOT/<switch>/...) are moved into the calling namespace's directory first.
 * Output: join `previous N`; leave `kept`, `restored N` or `left N`; list `self <dir>`, then
 * `record <path under ROOT> <content>` per file.
 */
export const SWITCH_SCRIPT = [
    `umask 077; root=$1; op=$2; key=$3; tag=$4; extra=$5`,
    `if [ -L "$root" ] || { [ -e "$root" ] && [ ! -O "$root" ]; }; then echo "$root is not a directory of root's" >&2; exit 77; fi`,
    `case "$key" in net.ipv4.ip_forward|net.ipv6.conf.all.forwarding|'') ;; *) echo "unknown switch: $key" >&2; exit 64;; esac`,
    `ns=$(stat -L -c %i /proc/self/ns/net) && boot=$(cat /proc/sys/kernel/random/boot_id) || exit 70`,
    `self="ns-$ns-$boot"`,
    `if [ "$op" = list ]; then echo "self $self"; for f in "$root"/*/* "$root"/*/*/*; do if [ -f "$f" ]; then printf 'record %s ' "\${f#"$root"/}"; head -c 1000 "$f" | tr -d '\\n'; echo; fi; done; exit 0; fi`,
    `if [ -z "$key" ]; then echo "no switch named" >&2; exit 64; fi`,
    `case "$tag" in ''|*[!0-9a-f]*) echo "bad owner tag" >&2; exit 64;; esac`,
    `dir="$root/$self/$key"; old="$root/$key"`,
    // Migration from the older layout, under the lock like everything else.
    `if [ -d "$old" ]; then mkdir -p "$dir" || exit 71; for f in "$old"/owner.*; do if [ -e "$f" ]; then mv -f "$f" "$dir/" || exit 71; fi; done; for f in "$old"/previous.*; do if [ -e "$f" ]; then if ls "$dir" | grep -q '^previous\\.'; then rm -f "$f"; else mv -f "$f" "$dir/" || exit 71; fi; fi; done; rmdir "$old" 2>/dev/null; fi`,
    `prev=; owners=0; others=0`,
    `for f in "$dir"/previous.*; do if [ -e "$f" ]; then prev=\${f##*/previous.}; fi; done`,
    `case "$prev" in *[!0-9]*) prev=;; esac`,
    `for f in "$dir"/owner.*; do if [ -e "$f" ] && [ -O "$f" ]; then owners=$((owners + 1)); if [ "\${f##*/owner.}" != "$tag" ]; then others=$((others + 1)); fi; fi; done`,
    `cur=$(sysctl -n "$key") || exit 72`,
    // join: the first owner records the value it found; forwarding goes on; its name is kept.
    `if [ "$op" = join ]; then fresh=; if [ "$owners" -eq 0 ] || [ -z "$prev" ]; then prev=$cur; fresh=1; fi; if [ "$cur" != 1 ]; then sysctl -w "$key=1" >/dev/null || exit 72; fi; if ! { mkdir -p "$dir" && { [ -z "$fresh" ] || { rm -f "$dir"/previous.* && : >"$dir/previous.$prev"; }; } && printf '%s\\n' "$extra" >"$dir/.owner.$tag" && mv -f "$dir/.owner.$tag" "$dir/owner.$tag"; }; then if [ "$cur" != 1 ]; then sysctl -w "$key=$cur" >/dev/null; fi; exit 71; fi; echo "previous $prev"; exit 0; fi`,
    // leave: the last owner restores the value found before the first, if the switch still holds 1.
    `if [ "$op" = leave ]; then rm -f "$dir/owner.$tag" || exit 71; if [ "$others" -gt 0 ]; then echo kept; exit 0; fi; case "$extra" in *[!0-9]*) extra=;; esac; restore=\${prev:-$extra}; rm -f "$dir"/previous.*; rmdir "$dir" "$root/$self" 2>/dev/null; if [ -n "$restore" ] && [ "$restore" != 1 ] && [ "$cur" = 1 ]; then sysctl -w "$key=$restore" >/dev/null || exit 72; echo "restored $restore"; else echo "left $cur"; fi; exit 0; fi`,
    `echo "unknown operation: $op" >&2; exit 64`,
].join("; ");

function checked(key: string, tag: string): void {
    if (!(SWITCH_KEYS as readonly string[]).includes(key)) {
        throw new Error(`not a forwarding switch: ${key}`);
    }
    if (!TAG.test(tag)) {
        throw new Error(`an owner tag is 12 hex digits, not "${tag}"`);
    }
}

/** The program under the lock: `flock -w 30 -E 75 LOCK sh -c SCRIPT pulumi-netns-switches ROOT OP KEY TAG EXTRA`. */
const locked = (op: "join" | "leave" | "list", key: string, tag: string, extra: string): string[] => [
    "flock",
    "-w",
    String(lockWaitSeconds()),
    "-E",
    String(LOCK_TIMEOUT_EXIT),
    RECORDS_LOCK,
    "sh",
    "-c",
    SWITCH_SCRIPT,
    "pulumi-netns-switches",
    RECORDS_ROOT,
    op,
    key,
    tag,
    extra,
];

/** Who made an owner record: the stack (organization/project/stack) and the resource's name. */
export interface OwnerName {
    stack: string;
    resource: string;
}

/** Records `tag` as an owner of `key` and turns the switch on, as one critical section. */
export function joinArgv(key: string, tag: string, name: OwnerName | undefined): string[] {
    checked(key, tag);
    // JSON: one line whatever the names hold.
    return locked("join", key, tag, name ? JSON.stringify({ stack: name.stack, resource: name.resource }) : "");
}

/** Removes `tag`; the last owner restores the value recorded (or `fallback`), as one critical section. */
export function leaveArgv(key: string, tag: string, fallback: number | undefined): string[] {
    checked(key, tag);
    return locked("leave", key, tag, fallback === undefined ? "" : String(fallback));
}

/** Lists every record of the machine (all namespaces and boots), under the lock. */
export const listArgv = (): string[] => locked("list", "", "", "");

/** join's answer: the value to restore when the last owner goes. */
export function parseJoin(stdout: string): number {
    const value = /^previous (\d+)$/m.exec(stdout)?.[1];
    if (value === undefined) {
        throw new Error(`unexpected answer from the switch records: ${JSON.stringify(stdout.slice(0, 100))}`);
    }
    return Number(value);
}

/** leave's answer: whether others still hold the switch, or what the last owner left it at. */
export type LeaveResult = { kept: true } | { kept: false; restored?: number; left?: number };

export function parseLeave(stdout: string): LeaveResult {
    const line = stdout.trim().split("\n").pop() ?? "";
    if (line === "kept") {
        return { kept: true };
    }
    const match = /^(restored|left) (\d+)$/.exec(line);
    if (!match) {
        throw new Error(`unexpected answer from the switch records: ${JSON.stringify(stdout.slice(0, 100))}`);
    }
    return match[1] === "restored" ? { kept: false, restored: Number(match[2]) } : { kept: false, left: Number(match[2]) };
}

/** One owner record as listed. */
export interface OwnerRecord {
    switch: string;
    tag: string;
    /** The namespace directory (`ns-<inode>-<boot id>`), or undefined for the older layout. */
    namespace?: string;
    /** Whether the record is of the namespace and boot that listed it. */
    here: boolean;
    name?: OwnerName;
    /** The value the first owner found, if recorded beside it. */
    previous?: number;
}

/** Reads list's answer: the owners of every switch in every namespace. */
export function parseList(stdout: string): { self: string; owners: OwnerRecord[] } {
    const lines = stdout.split("\n");
    const self = /^self (\S+)$/.exec(lines[0] ?? "")?.[1] ?? "";
    const previous = new Map<string, number>();
    const found: { dir: string; namespace?: string; key: string; tag: string; content: string }[] = [];
    for (const line of lines.slice(1)) {
        const match = /^record (\S+) ?(.*)$/.exec(line);
        if (!match) {
            continue;
        }
        const parts = match[1].split("/");
        const [namespace, key, file] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
        const dir = `${namespace ?? ""}/${key}`;
        const value = /^previous\.(\d+)$/.exec(file ?? "")?.[1];
        if (value !== undefined) {
            previous.set(dir, Number(value));
        }
        const tag = /^owner\.([0-9a-f]+)$/.exec(file ?? "")?.[1];
        if (tag) {
            found.push({ dir, namespace, key, tag, content: match[2] });
        }
    }
    const owners = found.map(({ dir, namespace, key, tag, content }) => {
        const name = ownerNameOf(content);
        const before = previous.get(dir);
        return {
            switch: key,
            tag,
            ...(namespace ? { namespace } : {}),
            here: namespace === self,
            ...(name ? { name } : {}),
            ...(before !== undefined ? { previous: before } : {}),
        };
    });
    return { self, owners };
}

function ownerNameOf(content: string): OwnerName | undefined {
    try {
        const value = JSON.parse(content) as Partial<OwnerName>;
        return typeof value?.stack === "string" && typeof value.resource === "string" ? { stack: value.stack, resource: value.resource } : undefined;
    } catch {
        return undefined;
    }
}
