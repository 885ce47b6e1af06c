// Parses iptables-save output into rules, so rules are found by their owner comment, not position.
import type { Rule, Table } from "./iptables-argv";

/** Splits one saved rule line into words, honouring the double quotes iptables-save puts around comments. */
export function splitRuleLine(line: string): string[] {
    const words: string[] = [];
    const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
        words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]);
    }
    return words;
}

/** Every `-A CHAIN ...` rule of the saved table. */
export function parseSavedRules(save: string, family: 4 | 6, table: Table): Rule[] {
    return save.split("\n")
        .filter((line) => line.startsWith("-A "))
        .map((line) => {
            const [, chain, ...spec] = splitRuleLine(line);
            return { family, table, chain, spec };
        });
}

/** The comment of a rule, if it has one. */
export function commentOf(rule: Rule): string | undefined {
    const i = rule.spec.indexOf("--comment");
    return i >= 0 ? rule.spec[i + 1] : undefined;
}

/** The policy of a built-in chain from `iptables -S CHAIN` ("-P FORWARD DROP"). */
export function parsePolicy(listing: string): string | undefined {
    return /^-P \S+ (\S+)/m.exec(listing)?.[1];
}
