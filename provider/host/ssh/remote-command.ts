// The one string an SSH exec request carries. The remote login shell parses it, so every word is
// single-quoted: no user value can ever be read by that shell as syntax.
import { SAFE_PATH } from "../limits";

/** Quotes one word for a POSIX shell: inside single quotes only `'` itself needs care. */
export function shellQuote(word: string): string {
    if (word.includes("\0")) {
        throw new Error("a command argument cannot contain a NUL byte");
    }
    return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line for `argv` on a remote host: an empty environment but a fixed locale and PATH
 * (so output parses the same everywhere, and nothing of the login's environment, such as an
 * `http_proxy` from sshd's SetEnv or a .bashrc, reaches the command), behind `sudo -n` when the
 * login user is not root. `-n` fails at once where a password would be asked, instead of hanging
 * on a prompt nobody can answer.
 */
export function remoteCommand(argv: readonly string[], options: { sudo?: boolean } = {}): string {
    if (argv.length === 0) {
        throw new Error("empty command");
    }
    const sudo = options.sudo ? ["sudo", "-n", "--"] : [];
    return [...sudo, "env", "-i", "LC_ALL=C", `PATH=${SAFE_PATH}`, ...argv].map(shellQuote).join(" ");
}
