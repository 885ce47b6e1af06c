// Pure text of a Service's files: its persistent, enabled unit under /etc/systemd/system, started at
// boot after the boot plan has made its namespace (provider/boot), and its environment file,
// readable by root only, on disk. Every word is quoted so
// systemd neither re-splits nor expands it: an argument arrives exactly as given.
import { createHash } from "node:crypto";
import { ownerLabel } from "../common/owner";
import type { ServiceInputs } from "./schema";

/** Where the units live: the administrator's unit directory, kept across reboots. */
export const UNIT_DIR = "/etc/systemd/system";
/** Where environment files live: a directory only root may enter. */
export const ENVIRONMENT_DIR = "/etc/pulumi-netns/services";
/** Where versions before the boot plan kept them (runtime only): an `up` moves them. */
export const LEGACY_UNIT_DIR = "/run/systemd/system";
export const LEGACY_ENVIRONMENT_DIR = "/run/pulumi-netns/services";
/** The unit the boot plan runs in (provider/boot/boot-unit.ts): a Service starts after it. */
const BOOT_UNIT = "pulumi-netns-boot.service";

/** A unit file's mode: systemd's own are 0644; no other user may change what root runs. */
export const UNIT_MODE = 0o644;
export const UNIT_DIR_MODE = 0o755;
/** The environment file (it may hold secrets): root's alone, in a directory root's alone. */
export const ENVIRONMENT_MODE = { mode: 0o600, directoryMode: 0o700 } as const;

export const unitName = (name: string): string => `netns-${name}.service`;
export const unitPath = (unit: string, dir = UNIT_DIR): string => `${dir}/${unit}`;
export const environmentPath = (unit: string, dir = ENVIRONMENT_DIR): string => `${dir}/${unit}.env`;
/** The link `systemctl enable` makes for a unit WantedBy=multi-user.target. */
export const wantsPath = (unit: string): string => `${UNIT_DIR}/multi-user.target.wants/${unit}`;

/** The unit file's owner mark, in its [Unit] section (systemd ignores X- keys). */
const MARK_KEY = "X-PulumiNetnsOwner";
const MARK = new RegExp(`^${MARK_KEY}=(\\S+)$`, "m");

/** The owner label a unit file carries, if any. */
export const unitMark = (text: string): string | undefined => MARK.exec(text)?.[1];

/**
 * One word of an Exec line, double-quoted: systemd unquotes it and reads C escapes there, and
 * expands `%` specifiers everywhere, so `\` and `"` are escaped, `%` doubled and control characters
 * written as `\xNN`. (`$` needs nothing: the `:` prefix of the line turns variable expansion off.)
 */
export function quoteWord(word: string): string {
    let escaped = "";
    for (const c of word) {
        const code = c.codePointAt(0) ?? 0;
        if (c === "%") {
            escaped += "%%";
        } else if (c === "\\" || c === '"') {
            escaped += `\\${c}`;
        } else if (code < 0x20 || code === 0x7f) {
            escaped += `\\x${code.toString(16).padStart(2, "0")}`;
        } else {
            escaped += c;
        }
    }
    return `"${escaped}"`;
}

/** `ExecStart=` of an argv: `:` (no variable expansion), then each word quoted. */
export const execStart = (argv: readonly string[]): string => `:${argv.map(quoteWord).join(" ")}`;

/**
 * One value of an environment file, double-quoted: systemd reads `\` escapes of `\ " $ \`` there
 * and keeps anything else, newlines included, as it is.
 */
export const quoteValue = (value: string): string => `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;

/** The environment file's text: its owner mark as a comment, then one `NAME="value"` per variable. */
export const environmentText = (environment: Readonly<Record<string, string>>, ownerTag: string): string =>
    `# ${ownerLabel(ownerTag)}\n${Object.entries(environment)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, value]) => `${name}=${quoteValue(value)}\n`)
        .join("")}`;

/** The owner label an environment file's first line carries, if any. */
export const environmentMark = (firstLine: string): string | undefined => /^# (pulumi-netns:\S+)$/.exec(firstLine.trim())?.[1];

/** A digest of a text, to compare a secret file with what it should hold without reading it out. */
export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** What the names of the users systemd makes for Services start with; `user` may not take it. */
export const DYNAMIC_USER_PREFIX = "netns-";

/**
 * The user of `DynamicUser=`: `netns-<name>` when that is a valid user name, else `netns--<digest>`
 * (systemd needs a valid name of at most 31 characters). A Service's name never starts with '-', so
 * no readable name takes the form of a derived one: two Services never share a user (and a uid).
 */
export function dynamicUserName(name: string): string {
    const readable = `${DYNAMIC_USER_PREFIX}${name}`;
    return /^[a-z_][a-z0-9_-]{0,30}$/.test(readable) && !name.startsWith("-") ? readable : `${DYNAMIC_USER_PREFIX}-${sha256(unitName(name)).slice(0, 12)}`;
}

/** The unit file's text: the owner mark, the namespace it joins, the program, its user and restart policy. */
export function unitText(s: ServiceInputs): string {
    const unit = unitName(s.name);
    const user =
        s.user === undefined
            ? // A user made for this service alone, for its lifetime: nothing else runs as it.
              ["DynamicUser=yes", `User=${dynamicUserName(s.name)}`]
            : [`User=${s.user}`];
    return [
        "# Made by pulumi-netns; removed with its resource. Edits are undone by its next `pulumi up`.",
        "[Unit]",
        `Description=pulumi-netns service ${s.name} in network namespace ${s.namespace}`,
        `${MARK_KEY}=${ownerLabel(s.ownerTag)}`,
        // At boot, the namespace comes from the boot plan; Wants, not Requires: one object of the
        // plan that could not be made must not keep every Service down.
        `Wants=${BOOT_UNIT}`,
        `After=${BOOT_UNIT}`,
        "",
        "[Service]",
        "Type=exec",
        `NetworkNamespacePath=/run/netns/${s.namespace}`,
        `ExecStart=${execStart(s.command)}`,
        `EnvironmentFile=${environmentPath(unit)}`,
        ...user,
        ...(s.workingDirectory ? [`WorkingDirectory=${s.workingDirectory}`] : []),
        `Restart=${s.restart}`,
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
    ].join("\n");
}
