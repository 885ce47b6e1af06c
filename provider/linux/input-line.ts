// One line of the commands a tool reads from standard input (`ip -batch`, `bridge -batch`,
// `iptables-restore`): their line parsers split on whitespace and interpret quotes, backslashes
// and comments, so a word holding any of those is refused rather than read back as something else.

/** A word those parsers read back as exactly itself. */
const SAFE_WORD = /^[^\s"'\\#]+$/;

/** The words joined into one input line for `tool`; throws on a word that would not stay one word. */
export function inputLine(tool: string, words: readonly string[]): string {
    const unsafe = words.find((w) => !SAFE_WORD.test(w));
    if (unsafe !== undefined) {
        throw new Error(`cannot pass ${JSON.stringify(unsafe)} to ${tool}: it would not read back as one word`);
    }
    return words.join(" ");
}
