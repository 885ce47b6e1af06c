// Pure: the one command that writes, removes or reads a resource's entry of the boot plan on a
// machine, under a lock (two `pulumi` runs at once, of two stacks, never interleave). A fixed sh
// program: user values reach it as arguments (the owner tag, checked here and there) and the
// entry's text on standard input, never as shell text. The first entry also writes the runner and
// the boot unit and enables it; the last one removed takes them along.
import { BOOT_UNIT_PATH, BOOT_UNIT_WANTS, bootUnitText, ENTRIES_DIR, PLAN_DIR, RUNNER_PATH } from "./boot-unit";
import { runnerScript } from "./runner-script";

export const PLAN_LOCK = "/run/pulumi-netns/boot.lock";

const TAG = /^[0-9a-f]{12}$/;

const SCRIPT = [
    // Root's alone, but for the unit file (0644, as systemd's own are).
    `umask 077; op=$1; tag=$2; runner=$3; unit=$4`,
    `case "$tag" in ''|*[!0-9a-f]*) echo "bad owner tag" >&2; exit 64;; esac`,
    // Reads need no lock: each file is replaced in one rename.
    `if [ "$op" = get ]; then if [ -f ${BOOT_UNIT_PATH} ] && [ -L ${BOOT_UNIT_WANTS} ] && [ -f ${RUNNER_PATH} ]; then echo unit; fi; echo ---; cat "${ENTRIES_DIR}/$tag" 2>/dev/null; exit 0; fi`,
    `if [ "$op" = put ] && [ ! -d /run/systemd/system ]; then echo no-systemd; exit 0; fi`,
    `mkdir -p /run/pulumi-netns && exec 9>${PLAN_LOCK} && flock -w 30 9 || exit 73`,
    `if [ "$op" = put ]; then fresh=; mkdir -p ${ENTRIES_DIR} || exit 71; cat > "${ENTRIES_DIR}/.$tag.new" && mv -f "${ENTRIES_DIR}/.$tag.new" "${ENTRIES_DIR}/$tag" || exit 71; ` +
        `if [ "$(cat ${RUNNER_PATH} 2>/dev/null)" != "$runner" ]; then printf '%s\\n' "$runner" > ${RUNNER_PATH}.new && mv -f ${RUNNER_PATH}.new ${RUNNER_PATH} || exit 71; fi; ` +
        `if [ "$(cat ${BOOT_UNIT_PATH} 2>/dev/null)" != "$unit" ]; then printf '%s\\n' "$unit" > ${BOOT_UNIT_PATH}.new && chmod 0644 ${BOOT_UNIT_PATH}.new && mv -f ${BOOT_UNIT_PATH}.new ${BOOT_UNIT_PATH} || exit 71; fresh=1; fi; ` +
        `if [ ! -L ${BOOT_UNIT_WANTS} ]; then mkdir -p "$(dirname ${BOOT_UNIT_WANTS})" && ln -sf ${BOOT_UNIT_PATH} ${BOOT_UNIT_WANTS} || exit 71; fi; ` +
        `if [ -n "$fresh" ]; then systemctl daemon-reload || exit 72; fi; echo written; exit 0; fi`,
    `if [ "$op" = drop ]; then rm -f "${ENTRIES_DIR}/$tag" || exit 71; ` +
        `if [ -z "$(ls -A ${ENTRIES_DIR} 2>/dev/null)" ] && [ -e ${PLAN_DIR} ]; then rm -f ${BOOT_UNIT_WANTS} ${BOOT_UNIT_PATH} ${RUNNER_PATH}; rmdir ${ENTRIES_DIR} ${PLAN_DIR} 2>/dev/null; rmdir /etc/pulumi-netns 2>/dev/null; ` +
        `if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; fi; echo dropped; exit 0; fi`,
    `echo "unknown operation: $op" >&2; exit 64`,
].join("\n");

function checked(tag: string): string {
    if (!TAG.test(tag)) {
        throw new Error(`an owner tag is 12 hex digits, not "${tag}"`);
    }
    return tag;
}

const locked = (op: "put" | "drop" | "get", tag: string): string[] => [
    "sh",
    "-c",
    SCRIPT,
    "pulumi-netns-boot-plan",
    op,
    checked(tag),
    runnerScript().replace(/\n+$/, ""),
    bootUnitText(),
];

/** Writes the entry (its text on standard input); answers `written`, or `no-systemd` with nothing written. */
export const putArgv = (tag: string): string[] => locked("put", tag);
/** Removes the entry, and with the last entry the runner and the unit; answers `dropped`. */
export const dropArgv = (tag: string): string[] => locked("drop", tag);
/** Prints `unit` when the unit, its enabling link and the runner are there, `---`, then the entry. */
export const getArgv = (tag: string): string[] => locked("get", tag);

/** What `get` printed: whether the unit is in place, and the entry's text ("" when it has none). */
export function parseGet(stdout: string): { unit: boolean; entry: string } {
    // A command's output loses its final newline: with no entry, it ends at the separator.
    const parts = /^(unit\n)?---(?:\n([\s\S]*))?$/.exec(stdout);
    if (!parts) {
        throw new Error(`unexpected answer from the boot plan: ${JSON.stringify(stdout.slice(0, 100))}`);
    }
    return { unit: parts[1] !== undefined, entry: parts[2] ?? "" };
}
