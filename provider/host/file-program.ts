// Pure parts of the file client: one fixed POSIX sh program that reads, writes and removes files on
// a Host (here or over SSH alike), and the argv that runs it. Paths, modes and owners arrive as
// arguments, never as shell text; the program checks what it is given before acting.
//
// What the program holds to, whatever the caller's umask: it runs under umask 077 and sets every
// mode explicitly; a file is written to a temporary file beside it, given its mode and owner, then
// renamed over the old one (a reader sees the old file or the new, never half of one); the file and
// its directory may not be symbolic links; every directory on the way must be root's and writable by
// no other user (unless sticky, as /tmp is), so no other user can swap or plant anything there.

/** Exit status of a refusal (the reason on standard error): a symlink, a directory not root's. */
export const REFUSED_EXIT = 77;
/** Exit status of a read or check of a file that is not there. */
export const ABSENT_EXIT = 66;

/**
 * The program (one line, so the SSH command runner carries it as one argument). Arguments: OP PATH
 * MODE OWNER. OP is read (the content, then a "." so that no final newline is lost on the way), write (content on standard input; MODE, OWNER as `user:group`; the
 * directory is made with mode DIRMODE=$5 when missing), dir (make or check a directory with MODE),
 * lock (make or check an empty file with MODE, never replaced: another process may hold a lock on
 * it; its directory made as write makes it), remove (the file; absent is success) or rmdir (only when empty; anything else is success).
 */
export const FILE_PROGRAM = [
    `umask 077; op=$1; path=$2; mode=$3; owner=$4; dirmode=$5`,
    `refuse() { printf '%s\\n' "$*" >&2; exit ${REFUSED_EXIT}; }`,
    `case "$path" in /*) ;; *) refuse "not an absolute path: $path";; esac`,
    `case "$mode" in ''|[0-7][0-7][0-7]|[0-7][0-7][0-7][0-7]) ;; *) refuse "not a file mode: $mode";; esac`,
    `case "$dirmode" in ''|[0-7][0-7][0-7]|[0-7][0-7][0-7][0-7]) ;; *) refuse "not a file mode: $dirmode";; esac`,
    // A directory others cannot change: root's, and writable by group or others only when sticky.
    `safe() { su=$(stat -L -c %u -- "$1") && sp=$(stat -L -c %A -- "$1") && sl=$(stat -c %u -- "$1") || exit 74; if [ "$su" != 0 ]; then refuse "$1 is owned by user $su, not root"; fi; if [ "$sl" != 0 ]; then refuse "$1 is a symbolic link owned by user $sl"; fi; case "$sp" in *[tT]) ;; ?????w*|????????w?) refuse "$1 may be written by users other than root ($sp)";; esac; }`,
    `ancestors() { a=$1; while [ "$a" != / ]; do a=$(dirname -- "$a"); if [ -e "$a" ]; then safe "$a"; fi; done; }`,
    // A directory of ours: made (missing parents too) with MODE, or checked and given MODE.
    `mkd() { if [ -L "$1" ]; then refuse "$1 is a symbolic link"; fi; if [ ! -e "$1" ]; then if [ ! -e "$(dirname -- "$1")" ]; then mkd "$(dirname -- "$1")" "$2"; fi; ancestors "$1"; mkdir -m "$2" -- "$1" 2>/dev/null || [ -d "$1" ] || exit 73; else ancestors "$1"; fi; if [ -L "$1" ] || [ ! -d "$1" ]; then refuse "$1 is not a directory"; fi; du=$(stat -c %u -- "$1") || exit 74; if [ "$du" != 0 ]; then refuse "$1 is owned by user $du, not root"; fi; chmod "$2" -- "$1" || exit 73; }`,
    // The file itself: a regular file or nothing, never a link or a directory.
    `plain() { if [ -L "$path" ]; then refuse "$path is a symbolic link"; fi; if [ -e "$path" ] && [ ! -f "$path" ]; then refuse "$path is not a regular file"; fi; }`,
    `dir=$(dirname -- "$path"); name=$(basename -- "$path")`,
    [
        `case "$op" in`,
        `read) plain; if [ ! -e "$path" ]; then exit ${ABSENT_EXIT}; fi; cat -- "$path" && printf .;;`,
        `write) if [ -n "$dirmode" ]; then mkd "$dir" "$dirmode"; else if [ -L "$dir" ]; then refuse "$dir is a symbolic link"; fi; safe "$dir"; ancestors "$dir"; fi; plain; tmp=$(mktemp -- "$dir/.$name.XXXXXX") || exit 73; if cat >"$tmp" && chown -- "$owner" "$tmp" && chmod -- "$mode" "$tmp" && mv -f -T -- "$tmp" "$path"; then exit 0; fi; rm -f -- "$tmp"; exit 73;;`,
        `dir) mkd "$path" "$mode";;`,
        `lock) if [ -n "$dirmode" ]; then mkd "$dir" "$dirmode"; else if [ -L "$dir" ]; then refuse "$dir is a symbolic link"; fi; safe "$dir"; ancestors "$dir"; fi; plain; if [ ! -e "$path" ]; then : >>"$path" || exit 73; fi; uid=$(stat -c %u -- "$path") || exit 74; if [ "$uid" != 0 ]; then refuse "$path is owned by user $uid, not root"; fi; chmod -- "$mode" "$path" || exit 73;;`,
        `remove) exec rm -f -- "$path";;`,
        `rmdir) rmdir -- "$path" 2>/dev/null; exit 0;;`,
        `*) echo "unknown operation: $op" >&2; exit 64;;`,
        `esac`,
    ].join(" "),
].join("; ");

/** What the program runs: a kind that writes files names these as its tools. */
export const FILE_TOOLS = ["sh", "stat", "mktemp"] as const;

export type FileOp = "read" | "write" | "dir" | "lock" | "remove" | "rmdir";

/** A mode as the program takes it: four octal digits. */
export function octal(mode: number): string {
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
        throw new Error(`not a file mode: ${mode}`);
    }
    return mode.toString(8).padStart(4, "0");
}

/** Who owns a written file, as chown takes it (`root:root` unless said). Names only, never a shell word. */
const OWNER = /^[a-z_][a-z0-9_-]{0,31}(:[a-z_][a-z0-9_-]{0,31})?$/;

/** `sh -c FILE_PROGRAM pulumi-netns-file OP PATH MODE OWNER DIRMODE`. */
export function fileArgv(op: FileOp, path: string, options: { mode?: number; owner?: string; directoryMode?: number } = {}): string[] {
    if (!path.startsWith("/") || path.includes("\0") || /(^|\/)\.\.?(\/|$)/.test(path)) {
        throw new Error(`the file client takes an absolute path without . or .. parts, not ${JSON.stringify(path)}`);
    }
    const owner = options.owner ?? "root:root";
    if (!OWNER.test(owner)) {
        throw new Error(`not a user or user:group: ${JSON.stringify(owner)}`);
    }
    const mode = options.mode === undefined ? "" : octal(options.mode);
    const dirmode = options.directoryMode === undefined ? "" : octal(options.directoryMode);
    return ["sh", "-c", FILE_PROGRAM, "pulumi-netns-file", op, path, mode, owner, dirmode];
}
